/** One namespace with live keys, as the admin listing shows it. */
export interface NamespaceInfo {
  namespace: string;
  /** Live keys. */
  keys: number;
  /** Bytes of their values and list items (the storage quota's measure). */
  bytes: number;
}

/** A page of the namespace listing. */
export interface ListNamespacesOptions {
  /** Namespaces after this one (UTF-8 byte order). @default from the first */
  after?: string;
  limit: number;
}

/**
 * The namespaces of a store, paged: what the admin listing (`GET /v1/admin/namespaces`) and the
 * inspector page need. Optional: the handler detects it ({@link hasNamespaceListing}); on an
 * engine without it that route answers 404 `route_not_found`.
 */
export interface NamespaceListing {
  /** Namespaces holding live keys, ascending, after `after`, at most `limit`. */
  listNamespaces(options: ListNamespacesOptions, now: number): Promise<NamespaceInfo[]>;
}

/** Whether `store` implements {@link NamespaceListing}. */
export function hasNamespaceListing<S extends object>(store: S): store is S & NamespaceListing {
  return typeof (store as Partial<NamespaceListing>).listNamespaces === "function";
}
