import { createServer, type Server, type Socket } from 'node:net';
import type { PGlite } from '@electric-sql/pglite';

// PGlite is one Postgres session; many pool connections share it. Messages may only be interleaved between
// connections at points where the session holds nothing of the sender's: after a Sync or a simple Query, and only
// when no transaction is open. (The extended protocol keeps its unnamed statement and portal in the session between
// Parse, Bind, Execute and Sync; interleaving there runs one client's Bind against another's Parse.)

const SSL_REQUEST = 80877103;
const GSS_REQUEST = 80877104;
const CANCEL_REQUEST = 80877102;
const PROTOCOL_3 = 196608;
const SYNC = 0x53; // 'S'
const QUERY = 0x51; // 'Q'
const TERMINATE = 0x58; // 'X'
const SYNC_MESSAGE = Uint8Array.of(SYNC, 0, 0, 0, 4);
const ROLLBACK_MESSAGE = simpleQuery('rollback');

export interface PgliteServerOptions {
  host: string;
  /** 0: a free port. */
  port: number;
  maxConnections: number;
  onError?: (message: string) => void;
}

export interface PgliteServer {
  host: string;
  port: number;
  close(): Promise<void>;
}

interface Connection {
  readonly socket: Socket;
  /** Whole messages received and not yet run; a startup message has no type byte and is flagged. */
  readonly pending: { bytes: Uint8Array; startup: boolean }[];
  buffer: Buffer;
  started: boolean;
  /** Messages of an extended-protocol batch were run and its Sync was not yet. */
  midBatch: boolean;
  closed: boolean;
}

/** Serves one PGlite over the Postgres wire protocol to many connections, one whole batch at a time. */
export async function servePglite(db: PGlite, options: PgliteServerOptions): Promise<PgliteServer> {
  const connections = new Set<Connection>();
  /** Connections with pending messages, in arrival order. */
  const ready: Connection[] = [];
  /** The connection whose batch or transaction holds the session. */
  let owner: Connection | null = null;
  let running = false;

  const schedule = () => {
    if (!running) void drain();
  };

  async function drain(): Promise<void> {
    running = true;
    try {
      for (;;) {
        const next = owner ?? ready.shift() ?? null;
        if (next === null) return;
        const message = next.pending.shift();
        if (message === undefined) {
          // The owner's next message has not arrived; everyone else waits for it.
          if (next === owner) return;
          continue;
        }
        owner = next;
        await run(next, message);
        const type = message.bytes[0];
        const boundary = message.startup || type === SYNC || type === QUERY;
        next.midBatch = !boundary;
        if (boundary && !db.isInTransaction()) {
          owner = null;
          if (next.pending.length > 0) ready.push(next);
        }
      }
    } finally {
      running = false;
    }
  }

  async function run(connection: Connection, message: { bytes: Uint8Array; startup: boolean }): Promise<void> {
    try {
      await db.runExclusive(() =>
        db.execProtocolRawStream(message.bytes, {
          onRawData: (data) => {
            if (!connection.closed) connection.socket.write(data);
          },
        }),
      );
    } catch (error) {
      options.onError?.(`embedded postgres: ${error instanceof Error ? error.message : String(error)}`);
      connection.socket.destroy();
    }
  }

  /** A connection gone mid-batch or mid-transaction must not leave its state to the next one. */
  async function release(connection: Connection): Promise<void> {
    connection.closed = true;
    connection.pending.length = 0;
    connections.delete(connection);
    const queued = ready.indexOf(connection);
    if (queued >= 0) ready.splice(queued, 1);
    if (owner !== connection) return;
    await db.runExclusive(async () => {
      if (connection.midBatch) await db.execProtocolRaw(SYNC_MESSAGE);
      // exec() would wait for the lock held here; the raw protocol does not take it.
      if (db.isInTransaction()) await db.execProtocolRaw(ROLLBACK_MESSAGE);
    });
    owner = null;
    schedule();
  }

  function receive(connection: Connection, chunk: Buffer): void {
    connection.buffer = connection.buffer.length === 0 ? chunk : Buffer.concat([connection.buffer, chunk]);
    let queued = false;
    for (;;) {
      const buffer = connection.buffer;
      if (!connection.started) {
        if (buffer.length < 8) break;
        const length = buffer.readInt32BE(0);
        if (buffer.length < length) break;
        const code = buffer.readInt32BE(4);
        connection.buffer = buffer.subarray(length);
        if (code === SSL_REQUEST || code === GSS_REQUEST) {
          connection.socket.write('N');
        } else if (code === CANCEL_REQUEST) {
          // PGlite has no backend to interrupt; a cancel request is accepted and dropped.
          hangUp(connection.socket);
        } else if (code === PROTOCOL_3) {
          connection.started = true;
          connection.pending.push({ bytes: new Uint8Array(buffer.subarray(0, length)), startup: true });
          queued = true;
        } else {
          hangUp(connection.socket, fatal('08P01', `unsupported protocol ${code}`));
        }
        continue;
      }
      if (buffer.length < 5) break;
      const length = 1 + buffer.readInt32BE(1);
      if (buffer.length < length) break;
      connection.buffer = buffer.subarray(length);
      if (buffer[0] === TERMINATE) {
        hangUp(connection.socket);
        break;
      }
      connection.pending.push({ bytes: new Uint8Array(buffer.subarray(0, length)), startup: false });
      queued = true;
    }
    if (queued && owner !== connection && !ready.includes(connection)) ready.push(connection);
    if (queued) schedule();
  }

  const server: Server = createServer((socket) => {
    socket.on('error', () => socket.destroy());
    if (connections.size >= options.maxConnections) {
      hangUp(socket, fatal('53300', `sorry, too many clients already (the embedded server allows ${options.maxConnections})`));
      return;
    }
    socket.setNoDelay(true);
    const connection: Connection = { socket, pending: [], buffer: Buffer.alloc(0), started: false, midBatch: false, closed: false };
    connections.add(connection);
    socket.on('data', (chunk) => receive(connection, chunk));
    socket.on('close', () => {
      void release(connection).catch((error: unknown) => options.onError?.(`embedded postgres: ${String(error)}`));
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  server.on('error', (error) => options.onError?.(`embedded postgres: ${error.message}`));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('the embedded server has no TCP address');

  let closing: Promise<void> | undefined;
  return {
    host: options.host,
    port: address.port,
    close() {
      closing ??= new Promise<void>((resolve) => {
        for (const connection of connections) connection.socket.destroy();
        server.close(() => resolve());
      }).then(async () => {
        // Let the last releases (rollback of an abandoned transaction) finish before PGlite closes.
        while (owner !== null || running) await new Promise((resolve) => setTimeout(resolve, 5));
      });
      return closing;
    },
  };
}

/** Closes both directions once the last bytes are out: a client that never closes its side must not keep the server open. */
function hangUp(socket: Socket, last?: Buffer): void {
  socket.end(last ?? Buffer.alloc(0), () => socket.destroy());
}

/** An ErrorResponse at FATAL severity, as a server sends before closing a connection it refuses. */
function fatal(sqlState: string, message: string): Buffer {
  const fields = Buffer.concat([field('S', 'FATAL'), field('V', 'FATAL'), field('C', sqlState), field('M', message), Buffer.alloc(1)]);
  const header = Buffer.alloc(5);
  header.write('E', 0, 'latin1');
  header.writeInt32BE(4 + fields.length, 1);
  return Buffer.concat([header, fields]);
}

function field(code: string, value: string): Buffer {
  return Buffer.concat([Buffer.from(code, 'latin1'), Buffer.from(value, 'utf8'), Buffer.alloc(1)]);
}

function simpleQuery(text: string): Uint8Array {
  const body = Buffer.from(`${text}\0`, 'utf8');
  const header = Buffer.alloc(5);
  header.writeUInt8(QUERY, 0);
  header.writeInt32BE(4 + body.length, 1);
  return new Uint8Array(Buffer.concat([header, body]));
}
