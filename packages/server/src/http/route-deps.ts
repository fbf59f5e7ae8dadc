import type { Hono } from "hono";
import type { ServerStore } from "../store/store.js";
import type { AccessControl } from "./access-control.js";
import type { ResolvedHandlerOptions } from "./handler-options.js";
import type { ServerEnv } from "./server-env.js";

/** What every route module is given: the app to register on, the store, the options. */
export interface RouteDeps {
  app: Hono<ServerEnv>;
  store: ServerStore;
  options: ResolvedHandlerOptions;
  access: AccessControl;
}
