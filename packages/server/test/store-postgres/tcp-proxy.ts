import { connect, createServer, type Server, type Socket } from "node:net";
import { TEST_POSTGRES_URL } from "../../src/testing/index.js";

/** A {@link tcpProxy} in front of a TCP service. */
export interface TcpProxy {
  /** `TEST_POSTGRES_URL` pointed at the proxy (valid once started). */
  readonly url: string;
  /** Listens (again, on the same port after {@link TcpProxy.cut}) and forwards. */
  start(): Promise<void>;
  /**
   * A network partition: connections stay open and new ones are accepted, but every byte is
   * swallowed in both directions, so peers wait for answers that never come.
   */
  blackHole(): void;
  /** Ends the partition: bytes flow again, and new connections reach the service. */
  heal(): void;
  /** An outage that refuses: closes every connection and stops listening. */
  cut(): Promise<void>;
}

/**
 * A TCP proxy in front of the shared PostgreSQL (or `target`): cutting it or black-holing it
 * looks like a database outage or a partition to the servers behind it, without stopping the
 * database other tests use.
 */
export function tcpProxy(target = new URL(TEST_POSTGRES_URL)): TcpProxy {
  const sockets = new Set<Socket>();
  let server: Server | undefined;
  let port = 0;
  let partitioned = false;
  const track = (socket: Socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
    socket.on("error", () => socket.destroy());
  };
  const forward = (from: Socket, to: Socket) =>
    from.on("data", (chunk) => {
      if (!partitioned) to.write(chunk);
    });
  return {
    get url() {
      const url = new URL(target);
      url.hostname = "127.0.0.1";
      url.port = String(port);
      return url.toString();
    },
    async start() {
      server = createServer((client) => {
        track(client);
        // Accepted during a partition: held open, never connected through.
        if (partitioned) return;
        const upstream = connect(Number(target.port || 5432), target.hostname);
        track(upstream);
        forward(client, upstream);
        forward(upstream, client);
        client.on("close", () => upstream.destroy());
        upstream.on("close", () => client.destroy());
      });
      await new Promise<void>((resolve) => server?.listen(port, "127.0.0.1", resolve));
      port = (server.address() as { port: number }).port;
    },
    blackHole() {
      partitioned = true;
    },
    heal() {
      partitioned = false;
    },
    async cut() {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => server?.close(resolve));
    },
  };
}
