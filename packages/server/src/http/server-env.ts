import type { Caller } from "./access-control.js";
import type { HandlerLogger } from "./handler-options.js";
import type { RequestTarget } from "./request-target.js";

/**
 * The router's environment: what the middleware learns about a request, as typed context
 * variables, for the routes after it.
 */
export interface ServerEnv {
  Variables: {
    /** The parsed path, set first for every request. */
    target: RequestTarget;
    /** Who is calling; unset in open mode and on public routes. */
    caller: Caller;
    /**
     * RateLimit headers for the response, applied after the route: routes that answer with a
     * raw Response never see headers set on the context.
     */
    rateHeaders: Record<string, string>;
    /** The request's logger, bound to its request id. */
    logger: HandlerLogger;
  };
}
