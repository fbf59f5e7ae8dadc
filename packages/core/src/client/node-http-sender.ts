import { Agent as HttpAgent, request as httpRequest, type IncomingMessage } from "node:http";
import { Agent as HttpsAgent, request as httpsRequest } from "node:https";
import type { HttpAnswer, HttpSender } from "./http-sender.js";

/**
 * Concurrent connections per server origin of the default Node transport. Calls past it
 * queue in the client until a connection is free: enough to keep a server busy (its
 * throughput flattens well before 50 concurrent requests on a few cores) without opening a
 * socket per call under a burst.
 */
export const NODE_MAX_SOCKETS = 50;

/**
 * Idle connections are closed after this, in ms, unless the server's `Keep-Alive: timeout`
 * hint is shorter (Node then closes 1 s before it): below Node servers' 5 s default, so a
 * request is not written into a connection the server is closing.
 */
export const NODE_IDLE_TIMEOUT_MS = 4_000;

const agentOptions = {
  keepAlive: true,
  maxSockets: NODE_MAX_SOCKETS,
  timeout: NODE_IDLE_TIMEOUT_MS,
  // The most recently used connection first: a light load stays on few sockets and the rest
  // idle out.
  scheduling: "lifo",
} as const;

// One pool per process, shared by every client, like Node's global agent. Node unrefs idle
// keep-alive sockets, so an idle client never keeps the process alive.
let agents: { http: HttpAgent; https: HttpsAgent } | undefined;

/**
 * An {@link HttpSender} on `node:http` / `node:https` with keep-alive connection pools:
 * no dependency, TLS (certificates verified as Node does by default) for `https:` URLs.
 * Proxies are not supported (HTTP_PROXY is ignored, as by Node's global `fetch`): pass a
 * proxying `fetch` (undici's with a `ProxyAgent`) as the `fetch` option instead.
 */
export function nodeHttpSender(): HttpSender {
  agents ??= { http: new HttpAgent(agentOptions), https: new HttpsAgent(agentOptions) };
  const { http, https } = agents;
  return ({ method, url, headers, body, signal }) =>
    new Promise<HttpAnswer>((resolve, reject) => {
      const secure = url.startsWith("https:");
      const payload = body === undefined ? undefined : Buffer.from(body, "utf8");
      const send = secure ? httpsRequest : httpRequest;
      const request = send(url, {
        method,
        agent: secure ? https : http,
        headers: payload ? { ...headers, "content-length": String(payload.length) } : headers,
        // Aborting destroys the request and any answer being read, which rejects below.
        signal,
      });
      request.on("error", reject);
      request.on("response", (response) => readAnswer(response, resolve, reject));
      request.end(payload);
    });
}

/** Reads the whole body; a connection closed before its end rejects (a hang-up mid-answer). */
function readAnswer(
  response: IncomingMessage,
  resolve: (answer: HttpAnswer) => void,
  reject: (error: Error) => void,
): void {
  const chunks: Buffer[] = [];
  response.on("data", (chunk: Buffer) => chunks.push(chunk));
  response.on("error", reject);
  response.on("end", () => {
    const { headers } = response;
    resolve({
      status: response.statusCode ?? 0,
      header: (name) => {
        const value = headers[name];
        return value === undefined ? null : Array.isArray(value) ? value.join(", ") : value;
      },
      text: Buffer.concat(chunks).toString("utf8"),
    });
  });
  response.on("close", () => {
    if (!response.complete) reject(new Error("the server closed the connection mid-answer"));
  });
}
