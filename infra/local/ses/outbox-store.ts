import { randomUUID } from 'node:crypto';
import { mkdir, readdir, readFile, rename, writeFile, open } from 'node:fs/promises';
import { join } from 'node:path';

export type OutboxAttachment = { fileName: string; contentType: string; size: number };
export type OutboxMessage = {
  id: string;
  receivedAt: string;
  from: string;
  to: string[];
  cc: string[];
  bcc: string[];
  subject: string;
  text?: string;
  html?: string;
  attachments: OutboxAttachment[];
};

/**
 * Every message the SES stand-in accepted, kept on disk (one JSON file per message plus its
 * attachments) or in memory when no folder is given.
 */
export function createOutboxStore(dir: string | undefined) {
  const memory = new Map<string, { message: OutboxMessage; files: Buffer[] }>();
  const ready = dir ? mkdir(dir, { recursive: true }) : Promise.resolve(undefined);

  async function durableWrite(path: string, data: Buffer | string) {
    const tmp = `${path}.tmp`;
    await writeFile(tmp, data);
    const handle = await open(tmp, 'r+');
    await handle.sync();
    await handle.close();
    await rename(tmp, path);
  }

  return {
    async add(message: Omit<OutboxMessage, 'id' | 'receivedAt' | 'attachments'>, files: { fileName: string; contentType: string; content: Buffer }[]) {
      // Sortable ids: newest first in listings without an index.
      const id = `${Date.now().toString(36).padStart(9, '0')}-${randomUUID().slice(0, 8)}`;
      const full: OutboxMessage = {
        ...message,
        id,
        receivedAt: new Date().toISOString(),
        attachments: files.map((f) => ({ fileName: f.fileName, contentType: f.contentType, size: f.content.length })),
      };
      if (!dir) {
        memory.set(id, { message: full, files: files.map((f) => f.content) });
        return full;
      }
      await ready;
      for (const [i, f] of files.entries()) await durableWrite(join(dir, `${id}.att${i}`), f.content);
      await durableWrite(join(dir, `${id}.json`), JSON.stringify(full, null, 2));
      return full;
    },
    async list(): Promise<OutboxMessage[]> {
      if (!dir) return [...memory.values()].map((m) => m.message).reverse();
      await ready;
      const names = (await readdir(dir)).filter((n) => n.endsWith('.json')).sort().reverse();
      return Promise.all(names.map(async (n) => JSON.parse(await readFile(join(dir, n), 'utf8')) as OutboxMessage));
    },
    async get(id: string): Promise<OutboxMessage | undefined> {
      if (!/^[a-z0-9]+-[a-f0-9]{8}$/.test(id)) return undefined;
      if (!dir) return memory.get(id)?.message;
      try {
        return JSON.parse(await readFile(join(dir, `${id}.json`), 'utf8')) as OutboxMessage;
      } catch {
        return undefined;
      }
    },
    async attachment(id: string, index: number): Promise<Buffer | undefined> {
      const message = await this.get(id);
      if (!message || !message.attachments[index]) return undefined;
      if (!dir) return memory.get(id)?.files[index];
      return readFile(join(dir!, `${id}.att${index}`));
    },
  };
}

export type OutboxStore = ReturnType<typeof createOutboxStore>;
