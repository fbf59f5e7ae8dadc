import {
  BOTWIRE_DEFAULT_LIST_LIMIT,
  BOTWIRE_MAX_LIST_LIMIT,
  BOTWIRE_MAX_VALUE_CHARS,
  type Limits,
  ProtocolError,
  serializeValue,
} from "@botwire/core/protocol";
import type { Context } from "hono";
import { hasRecency } from "../store/has-recency.js";
import { countCodePoints } from "./count-code-points.js";
import { detailResponse, toProtocolError } from "./error-response.js";
import { loggerOf } from "./request-id.js";
import { jsonBody, queryOf } from "./request-parts.js";
import { keyTargetOf, namespaceOf } from "./request-target.js";
import type { RouteDeps } from "./route-deps.js";
import type { ServerEnv } from "./server-env.js";

const seconds = (ms: number) => ms / 1000;

/** FastAPI's 422 body for one invalid body field. */
function unprocessable(
  c: Context<ServerEnv>,
  type: string,
  loc: (string | number)[],
  msg: string,
  input: unknown,
) {
  return c.json({ detail: [{ type, loc, msg, input }] }, 422);
}

/**
 * BotWire's hosted API (`/memory/*`, `/stats/memory`, `/health`) with its own shapes (snake_case,
 * epoch seconds, FastAPI `{"detail": ...}` errors), over the same data as v1, so BotWire's
 * Python client works against this server unchanged.
 */
export function registerBotWireRoutes({ app, store, options }: RouteDeps): void {
  const { limits, now } = options;

  /** The store's recency part; a store without it has no listing and no totals (404). */
  const recency = () => {
    if (hasRecency(store)) return store;
    throw new ProtocolError(
      "route_not_found",
      "This server's store keeps no recency or totals: list keys with GET /v1/namespaces/{ns}/keys.",
    );
  };

  /** Runs a route, answering errors the way BotWire's FastAPI server does. */
  const compat =
    (route: (c: Context<ServerEnv>) => Promise<Response>) =>
    async (c: Context<ServerEnv>): Promise<Response> => {
      try {
        return await route(c);
      } catch (error) {
        const protocolError = toProtocolError(error, loggerOf(c, options.logger));
        if (
          protocolError.code === "invalid_json" ||
          protocolError.code === "unsupported_media_type"
        ) {
          return unprocessable(c, "json_invalid", ["body", 0], "JSON decode error", {});
        }
        return detailResponse(protocolError);
      }
    };

  app.put(
    "/memory/:ns/:key",
    compat(async (c) => {
      const { namespace, key } = keyTargetOf(c);
      const body = await jsonBody(c, options.maxValueBodyBytes, limits.maxJsonDepth);
      if (typeof body !== "object" || body === null || Array.isArray(body)) {
        const msg = "Input should be a valid dictionary or object to extract fields from";
        return unprocessable(c, "model_attributes_type", ["body"], msg, body);
      }
      if (!Object.hasOwn(body, "value")) {
        return unprocessable(c, "missing", ["body", "value"], "Field required", body);
      }
      const value = (body as { value: unknown }).value;
      if (typeof value !== "string") {
        return unprocessable(
          c,
          "string_type",
          ["body", "value"],
          "Input should be a valid string",
          value,
        );
      }
      if (value.length > BOTWIRE_MAX_VALUE_CHARS) {
        // BotWire answers 400 here, not 413.
        throw new ProtocolError(
          "invalid_request",
          `Value too large (max ${BOTWIRE_MAX_VALUE_CHARS} chars)`,
        );
      }
      const text = serializeValue(value, limits.maxValueBytes);
      await store.put(
        namespace,
        key,
        { value: text, expiresAt: null, ...options.storageCap },
        now(),
      );
      return c.json({ namespace, key, stored: true, bytes: countCodePoints(value) });
    }),
  );

  app.get(
    "/memory/:ns/:key",
    compat(async (c) => {
      const { namespace, key } = keyTargetOf(c);
      const at = now();
      const entry = await store.get(namespace, key, at);
      if (!entry) throw new ProtocolError("not_found", `Key not found: ${namespace}/${key}`);
      let value: string;
      if (entry.kind === "list") {
        // This surface cannot page: a list too large for one response is refused, not cut.
        const window = { after: 0, limit: limits.maxReplaceItems, maxBytes: limits.maxReadBytes };
        const list = await store.range(namespace, key, window, at);
        if (list && list.nextAfter !== null) throw listTooLargeToRead(limits);
        value = `[${(list?.items ?? []).map((item) => item.value).join(",")}]`;
      } else {
        const text = entry.value ?? "null";
        // A string written here reads back as itself; any other JSON value as its JSON text.
        value = text.startsWith('"') ? (JSON.parse(text) as string) : text;
      }
      return c.json({
        namespace,
        key,
        value,
        created_at: seconds(entry.createdAt),
        updated_at: seconds(entry.updatedAt),
      });
    }),
  );

  app.delete(
    "/memory/:ns/:key",
    compat(async (c) => {
      const { namespace, key } = keyTargetOf(c);
      if (!(await store.delete(namespace, key, {}, now()))) {
        throw new ProtocolError("not_found", `Key not found: ${namespace}/${key}`);
      }
      return c.json({ deleted: true, namespace, key });
    }),
  );

  app.get(
    "/memory/:ns",
    compat(async (c) => {
      const namespace = namespaceOf(c);
      const raw = queryOf(c).get("limit");
      const limit =
        raw === null ? BOTWIRE_DEFAULT_LIST_LIMIT : /^[0-9]{1,4}$/.test(raw) ? Number(raw) : 0;
      if (limit < 1 || limit > BOTWIRE_MAX_LIST_LIMIT) {
        throw new ProtocolError(
          "invalid_request",
          `limit must be an integer from 1 to ${BOTWIRE_MAX_LIST_LIMIT}`,
        );
      }
      const keys = await recency().listRecent(namespace, limit, now());
      return c.json({
        namespace,
        count: keys.length,
        keys: keys.map((k) => ({ key: k.key, bytes: k.chars, updated_at: seconds(k.updatedAt) })),
      });
    }),
  );

  app.get(
    "/stats/memory",
    compat(async (c) => {
      const stats = await recency().stats(now());
      return c.json({
        total_entries: stats.totalEntries,
        total_namespaces: stats.totalNamespaces,
        total_bytes: stats.totalBytes,
      });
    }),
  );

  app.get("/health", (c) => c.json({ status: "ok" }));
}

/** 413 for a list larger than one response may carry, on the surface that cannot page. */
function listTooLargeToRead(limits: Limits): ProtocolError {
  return new ProtocolError(
    "value_too_large",
    `This list holds more than ${limits.maxReplaceItems} items or ${limits.maxReadBytes} bytes, more than one response carries: read it in pages with GET /v1/namespaces/{ns}/lists/{key}.`,
    { limit: limits.maxReadBytes },
  );
}
