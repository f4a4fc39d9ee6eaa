import * as net from 'node:net';

/**
 * A TCP proxy in front of PostgreSQL that a test can cut and restore, to see the service lose its
 * database and get it back, as when the server restarts.
 */
export class TcpProxy {
  private server?: net.Server;
  private readonly sockets = new Set<net.Socket>();
  port = 0;
  /** Called with each socket, client and upstream, as it opens. */
  protected onSocket: (socket: net.Socket) => void = () => undefined;

  constructor(
    private readonly targetHost: string,
    private readonly targetPort: number,
  ) {}

  async start(): Promise<void> {
    this.server = net.createServer((client) => {
      const upstream = net.connect(this.targetPort, this.targetHost);
      for (const socket of [client, upstream]) {
        this.sockets.add(socket);
        socket.on('close', () => this.sockets.delete(socket));
        socket.on('error', () => socket.destroy());
        this.onSocket(socket);
      }
      client.pipe(upstream).pipe(client);
      client.on('close', () => upstream.destroy());
      upstream.on('close', () => client.destroy());
    });
    await new Promise<void>((resolve) => this.server?.listen(this.port, '127.0.0.1', resolve));
    this.port = (this.server.address() as net.AddressInfo).port;
  }

  /** Refuses new connections and drops the open ones. */
  async cut(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => this.server?.close(() => resolve()));
  }

  async stop(): Promise<void> {
    await this.cut().catch(() => undefined);
  }
}

/**
 * A TcpProxy that can also freeze: connections stay open and new ones are accepted, but nothing is
 * forwarded either way until it thaws, as a network partition (or a stopped server) looks to a client.
 */
export class FreezableTcpProxy extends TcpProxy {
  private frozen = false;
  private readonly held = new Set<net.Socket>();

  constructor(targetHost: string, targetPort: number) {
    super(targetHost, targetPort);
    this.onSocket = (socket) => {
      this.held.add(socket);
      socket.on('close', () => this.held.delete(socket));
      if (this.frozen) socket.pause();
    };
  }

  freeze(): void {
    this.frozen = true;
    for (const socket of this.held) socket.pause();
  }

  thaw(): void {
    this.frozen = false;
    for (const socket of this.held) socket.resume();
  }
}
