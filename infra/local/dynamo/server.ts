/**
 * The local DynamoDB stand-in as its own HTTP server (tests, tools). The main local server can
 * instead mount `createDynamoFront().handle` under a path prefix.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createDynamoFront, type DynamoFront, type DynamoFrontOptions } from './front.ts';

export type LocalDynamoOptions = DynamoFrontOptions & {
  /** 0 (default) picks a free port. */
  port?: number;
  /** Default 127.0.0.1: the stand-in has no authentication. */
  host?: string;
};

export type LocalDynamo = {
  endpoint: string;
  port: number;
  handle: DynamoFront['handle'];
  /** Stops listening, finishes requests in flight, closes LevelDB. */
  close(): Promise<void>;
};

export async function startLocalDynamo(options: LocalDynamoOptions = {}): Promise<LocalDynamo> {
  const front = await createDynamoFront(options);
  const server = createServer((req, res) => front.handle(req, res));
  const host = options.host ?? '127.0.0.1';
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.port ?? 0, host, () => resolve());
    });
  } catch (err) {
    await front.close();
    throw err;
  }
  const { port } = server.address() as AddressInfo;
  let closed: Promise<void> | undefined;
  return {
    endpoint: `http://${host.includes(':') ? `[${host}]` : host}:${port}`,
    port,
    handle: front.handle,
    close() {
      closed ??= (async () => {
        const stopped = new Promise<void>((resolve) => server.close(() => resolve()));
        await front.close();
        // Every request is answered by now; idle keep-alive sockets would hold close() open.
        server.closeIdleConnections();
        const straggler = setTimeout(() => server.closeAllConnections(), 1000);
        await stopped;
        clearTimeout(straggler);
      })();
      return closed;
    },
  };
}
