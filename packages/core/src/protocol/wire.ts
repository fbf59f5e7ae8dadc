/**
 * Bodies of the v1 wire protocol (docs/protocol.md). Shared by the client, the reference
 * server and the mock server so that all three agree on every field.
 */

/** Any JSON value. */
export type JsonValue =
  | null
  | boolean
  | number
  | string
  | JsonValue[]
  | { [key: string]: JsonValue };

/** What a key holds. */
export type EntryKind = "value" | "list";

/** `GET /v1/namespaces/{ns}/keys/{key}` */
export interface EntryResponse<T = JsonValue> {
  key: string;
  kind: "value";
  value: T;
  version: number;
  createdAt: number;
  updatedAt: number;
  expiresAt: number | null;
}

/** `PUT /v1/namespaces/{ns}/keys/{key}` request. */
export interface PutRequest {
  value: JsonValue;
  ttl?: number;
}

/** `PUT /v1/namespaces/{ns}/keys/{key}` response. */
export interface PutResponse {
  key: string;
  version: number;
  createdAt: number;
  updatedAt: number;
  expiresAt: number | null;
}

/** One item of `GET /v1/namespaces/{ns}/keys`. */
export interface KeyInfo {
  key: string;
  kind: EntryKind;
  bytes: number;
  version: number;
  updatedAt: number;
  expiresAt: number | null;
}

/** `GET /v1/namespaces/{ns}/keys` response. */
export interface ListKeysResponse {
  items: KeyInfo[];
  nextCursor: string | null;
}

/** One operation of `POST /v1/namespaces/{ns}/batch`. */
export type BatchOp =
  | { op: "get"; key: string }
  | { op: "set"; key: string; value: JsonValue; ttl?: number; ifVersion?: number }
  | { op: "delete"; key: string; ifVersion?: number };

/** `POST /v1/namespaces/{ns}/batch` request. */
export interface BatchRequest {
  ops: BatchOp[];
}

/** The outcome of a write (a PUT, or a set in a batch). */
export interface WriteResult {
  key: string;
  /** Changes on every write; pass it as `ifVersion` for optimistic concurrency. */
  version: number;
  /** Whether the key did not exist (or had expired) before. */
  created: boolean;
  createdAt: number;
  updatedAt: number;
  expiresAt: number | null;
}

/** One result of a batch, in the order of the ops. */
export type BatchResult =
  | {
      op: "get";
      key: string;
      found: true;
      value: JsonValue;
      version: number;
      expiresAt: number | null;
    }
  | { op: "get"; key: string; found: false }
  | ({ op: "set" } & WriteResult)
  | { op: "delete"; key: string; deleted: boolean };

/** `POST /v1/namespaces/{ns}/batch` response. */
export interface BatchResponse {
  results: BatchResult[];
}

/** `POST /v1/namespaces/{ns}/lists/{key}` request. */
export interface AppendRequest {
  items: JsonValue[];
  ttl?: number;
  maxLength?: number;
}

/** `POST /v1/namespaces/{ns}/lists/{key}` response. */
export interface AppendResponse {
  length: number;
  firstSeq: number;
  lastSeq: number;
  version: number;
}

/** One item of a list read. */
export interface ListItem<T = JsonValue> {
  seq: number;
  value: T;
}

/** `GET /v1/namespaces/{ns}/lists/{key}` response. */
export interface RangeResponse<T = JsonValue> {
  items: ListItem<T>[];
  length: number;
  version: number;
  /**
   * The `after` that continues the read: the seq of the last item returned, when the list holds
   * items after it (the page hit its `limit` or the server's byte cap); null at the list's end.
   */
  nextAfter: number | null;
}

/** `PUT /v1/namespaces/{ns}/lists/{key}` request. */
export interface ReplaceListRequest {
  items: JsonValue[];
  ttl?: number;
}

/** `PUT /v1/namespaces/{ns}/lists/{key}` response. */
export interface ReplaceListResponse {
  length: number;
  version: number;
}

/** Every v1 error response. Extra details (`field`, `index`, `currentVersion`, `limit`) ride along. */
export interface ErrorResponse {
  error: { code: string; message: string; [detail: string]: unknown };
}
