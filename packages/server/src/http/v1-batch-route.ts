import { expiresAtFor, parseBatchBody, preconditionOfVersion } from "@botwire/core/protocol";
import type { StoreBatchOp } from "../store/store.js";
import { jsonBody, rawJson } from "./request-parts.js";
import { namespaceOf } from "./request-target.js";
import type { RouteDeps } from "./route-deps.js";

/** The atomic batch: every write of it commits, or none does. */
export function registerV1BatchRoute({ app, store, options, access }: RouteDeps): void {
  const { limits, now } = options;

  app.post("/v1/namespaces/:ns/batch", async (c) => {
    const namespace = namespaceOf(c);
    const parsed = parseBatchBody(
      await jsonBody(c, options.maxBodyBytes, limits.maxJsonDepth),
      limits,
    );
    await access.chargeWrites(c, namespace, parsed.filter((op) => op.op !== "get").length);
    const at = now();
    const ops = parsed.map((op): StoreBatchOp => {
      if (op.op === "get") return op;
      const expect = preconditionOfVersion(op.ifVersion);
      if (op.op === "delete") return { op: "delete", key: op.key, expect };
      const expiresAt = op.ttl === undefined ? null : expiresAtFor(at, op.ttl);
      return { op: "set", key: op.key, value: op.value, expiresAt, expect };
    });
    const results = await store.batch(namespace, ops, at, {
      ...options.storageCap,
      maxReadBytes: limits.maxReadBytes,
    });
    const parts = results.map((result) => {
      if (result.op !== "get" || !result.found) return JSON.stringify(result);
      const { value, ...rest } = result;
      return `${JSON.stringify(rest).slice(0, -1)},"value":${value}}`;
    });
    return rawJson(`{"results":[${parts.join(",")}]}`);
  });
}
