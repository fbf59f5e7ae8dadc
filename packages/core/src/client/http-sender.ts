/** One HTTP request, sent by an {@link HttpSender}. */
export interface HttpExchange {
  method: string;
  /** Absolute URL, path and query already encoded. */
  url: string;
  headers: Record<string, string>;
  /** JSON text, or undefined for no body. */
  body: string | undefined;
  /** Aborts the request and the reading of its answer (the per-attempt time limit). */
  signal: AbortSignal;
}

/** The whole answer to an {@link HttpExchange}, its body read in full. */
export interface HttpAnswer {
  status: number;
  /** A response header by lower-case name, or null when absent. */
  header(name: string): string | null;
  text: string;
}

/**
 * Sends one request and reads its whole answer. Rejects (with any error) when no complete
 * answer arrives: the transport maps that to a network error, or to a timeout when `signal`
 * fired. It never retries by itself: what may be resent is the transport's decision.
 */
export type HttpSender = (exchange: HttpExchange) => Promise<HttpAnswer>;
