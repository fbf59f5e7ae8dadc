/** The names of this machine's loopback interface, as URL hostnames. */
export const LOOPBACK_HOSTS: readonly string[] = ["127.0.0.1", "localhost", "[::1]"];

/**
 * Why a request must be refused to protect against DNS rebinding, or undefined when it may
 * pass. A page on evil.example whose DNS name is re-pointed at 127.0.0.1 reaches a local server
 * with `Host: evil.example`, so the Host must be one of the names the server is known by; a
 * browser page of another origin also gives itself away by its `Origin` header.
 *
 * @param allowedHosts hostnames without port; IPv6 in brackets (`[::1]`)
 */
export function refuseHost(request: Request, allowedHosts: readonly string[]): string | undefined {
  const { headers } = request;
  // Node's HTTP mounts build the URL from the Host header; a Request made in-process has only
  // the URL.
  const host = headers.get("host") ?? new URL(request.url).host;
  const hostname = hostnameOf(`http://${host}`);
  if (hostname === undefined || !allowedHosts.includes(hostname)) {
    return `Host '${host}' is not allowed (DNS rebinding protection). If clients reach this server by that name, start botwire-mcp with --allowed-hosts ${hostname ?? "<name>"}.`;
  }
  const origin = headers.get("origin");
  // "null" is what a sandboxed page or a file:// page sends: never a legitimate MCP host.
  if (origin !== null) {
    const originHost = hostnameOf(origin);
    if (originHost === undefined || !allowedHosts.includes(originHost)) {
      return `Origin '${origin}' is not allowed: browser pages of other sites may not use this server.`;
    }
  }
  return undefined;
}

function hostnameOf(url: string): string | undefined {
  try {
    return new URL(url).hostname;
  } catch {
    return undefined;
  }
}
