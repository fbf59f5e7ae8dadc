import type { BodySpec, HeaderValue, RequestStep, VersionRef } from "./step-types.js";

/** A response as compared: status, headers and body, with versions replaced by their order. */
export interface Observed {
  status: number;
  headers: Record<string, string>;
  body: unknown;
}

const BASE = "http://differential.test";
// Before any listing has paged, a cursor is a valid one of a key no step writes ("none").
const NO_CURSOR_YET = "bm9uZQ";
// A version neither side issues in a sequence, for steps that name one before any answer.
const NEVER_ISSUED = 9_000_000_000;
// Versions carry meaning only as equal or not: `v0` is the first version this side answered.
const VERSION_FIELDS = new Set(["version", "currentVersion"]);

/**
 * One implementation under test (the mock or the server) with what it has answered so far:
 * each side resolves a step's version and cursor references among its own answers, and
 * reports each version as its rank among them, so two sides that number versions differently
 * but consistently compare equal, and any other difference shows.
 */
export class DifferentialSide {
  readonly #handle: (request: Request) => Promise<Response>;
  readonly #versions: number[] = [];
  #cursor: string | null = null;

  constructor(handle: (request: Request) => Promise<Response>) {
    this.#handle = handle;
  }

  /** Sends `step` and returns what a client could observe of the answer. */
  async send(step: RequestStep): Promise<Observed> {
    const response = await this.#handle(this.#request(step));
    const text = await response.text();
    const headers: Record<string, string> = {};
    for (const [name, value] of response.headers) {
      // The server's request id is operational (log correlation), not data: the mock has none.
      if (name === "x-request-id") continue;
      headers[name] = name === "etag" ? this.#etag(value) : value;
    }
    let body: unknown = text;
    if (text !== "" && headers["content-type"]?.startsWith("application/json")) {
      body = this.#normalize(JSON.parse(text));
    }
    const next = (body as { nextCursor?: unknown } | null)?.nextCursor;
    if (typeof next === "string") this.#cursor = next;
    return { status: response.status, headers, body };
  }

  #request(step: RequestStep): Request {
    // Request resolves dot segments (`/keys/.` is `/keys/`) as any client's fetch does: both
    // sides receive the same URL.
    let href = `${BASE}${step.path}`;
    if (step.query?.length) {
      const search = new URLSearchParams();
      for (const [name, value] of step.query) {
        search.append(name, typeof value === "string" ? value : (this.#cursor ?? NO_CURSOR_YET));
      }
      href += `?${search}`;
    }
    const headers = new Headers();
    for (const [name, value] of step.headers ?? []) headers.append(name, this.#header(value));
    if (step.body !== undefined && step.contentType !== "none") {
      headers.set("content-type", step.contentType ?? "application/json");
    }
    // Bytes, not a string: a string body would get a text/plain type of its own.
    const body =
      step.body === undefined ? undefined : new TextEncoder().encode(this.#body(step.body));
    return new Request(href, { method: step.method, headers, body });
  }

  #resolve(ref: VersionRef): number {
    if ("literal" in ref) return ref.literal;
    const versions = this.#versions;
    if (versions.length === 0) return NEVER_ISSUED;
    return versions[versions.length - 1 - (ref.recent % versions.length)] as number;
  }

  #header(value: HeaderValue): string {
    if (typeof value === "string") return value;
    const version = this.#resolve(value.version);
    if (value.style === "bare") return String(version);
    return value.style === "weak" ? `W/"${version}"` : `"${version}"`;
  }

  #body(spec: BodySpec): string {
    if ("raw" in spec) return spec.raw + " ".repeat(spec.pad ?? 0);
    return JSON.stringify(spec.json, (_key, value) =>
      value !== null && typeof value === "object" && "$version" in value
        ? this.#resolve(value.$version as VersionRef)
        : value,
    );
  }

  #rank(version: number): string {
    let index = this.#versions.indexOf(version);
    if (index === -1) index = this.#versions.push(version) - 1;
    return `v${index}`;
  }

  #etag(value: string): string {
    const version = /^"(\d+)"$/.exec(value)?.[1];
    return version === undefined ? value : `"${this.#rank(Number(version))}"`;
  }

  /** Replaces versions by their rank, in a fixed walk order; stored values are left alone. */
  #normalize(body: unknown): unknown {
    if (Array.isArray(body)) return body.map((item) => this.#normalize(item));
    if (body === null || typeof body !== "object") return body;
    const out: Record<string, unknown> = {};
    for (const name of Object.keys(body).sort()) {
      const field = (body as Record<string, unknown>)[name];
      if (name === "value") out[name] = field;
      // Error messages are prose for people (the server's point at routes the mock lacks).
      else if (name === "message" && typeof field === "string") out[name] = "<message>";
      else if (VERSION_FIELDS.has(name) && typeof field === "number") out[name] = this.#rank(field);
      else out[name] = this.#normalize(field);
    }
    return out;
  }
}
