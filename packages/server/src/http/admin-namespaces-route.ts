import { encodeCursor, ProtocolError, parseListQuery } from "@botwire/core/protocol";
import { hasNamespaceListing } from "../store/namespace-listing.js";
import { queryOf } from "./request-parts.js";
import type { RouteDeps } from "./route-deps.js";

/**
 * `GET /v1/admin/namespaces?cursor=&limit=`: namespaces with live keys, with their key counts
 * and bytes, a page at a time (what the inspector page lists). Admin token only (the access
 * control's table says so); in open mode, anyone's, like every other route. 404 on a store
 * without {@link NamespaceListing}.
 */
export function registerAdminNamespacesRoute({ app, store, options }: RouteDeps): void {
  app.get("/v1/admin/namespaces", async (c) => {
    if (!hasNamespaceListing(store)) {
      throw new ProtocolError("route_not_found", "This server's store cannot list namespaces.");
    }
    const { after, limit } = parseListQuery(queryOf(c), options.limits);
    // One extra row tells whether another page exists without a second query.
    const items = await store.listNamespaces({ after, limit: limit + 1 }, options.now());
    const more = items.length > limit;
    if (more) items.pop();
    const last = items.at(-1);
    return c.json({ items, nextCursor: more && last ? encodeCursor(last.namespace) : null });
  });
}
