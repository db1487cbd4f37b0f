/**
 * Buckets and objects on disk: `<dir>/<bucket>/<sha256 of the key>`, one file per object holding
 * the body followed by its description (JSON), the JSON's length and a marker. Keys may hold any
 * character and 1024 bytes, so they are never file names.
 *
 * A write streams into `<dir>/.incoming/`, is flushed to disk and renamed over the object: body and
 * description are one file, so a crash leaves the old object or the new one, never a mix. Commits
 * to one key run one at a time (in this process, which owns the folder), so a condition such as
 * `If-None-Match: *` is decided against what is really there. Without a folder, objects live in a
 * temporary one that close() removes.
 */
import { createHash, randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, mkdtemp, open, readdir, rename, rm, stat, type FileHandle } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { StoredChecksum } from './incoming-body.ts';

export type StoredObject = {
  key: string;
  size: number;
  /** MD5 of the body in hex, quoted, as S3 gives it for a single-part upload. */
  etag: string;
  /** ISO time, whole seconds (S3's Last-Modified has no finer resolution). */
  lastModified: string;
  /** Content-Type, Content-Disposition … as given, by lower-case name. */
  headers: Record<string, string>;
  /** `x-amz-meta-*` without the prefix. */
  metadata: Record<string, string>;
  checksum?: StoredChecksum;
};

export type OpenObject = {
  object: StoredObject;
  /** The body from `start` to `end` inclusive; the file is closed when the stream ends. */
  read(start: number, end: number): Readable;
  close(): Promise<void>;
};

/** Runs on the current object (undefined when absent) just before a write commits; throws to refuse it. */
export type WriteCondition = (current: StoredObject | undefined) => void;

const INCOMING = '.incoming';
const MARKER = Buffer.from('KS3\n');

export async function createObjectStore(dataDir?: string) {
  const dir = dataDir ?? (await mkdtemp(join(tmpdir(), 'klassny-s3-')));
  // Writes cut short by a kill are left here; none of them is an object.
  await rm(join(dir, INCOMING), { recursive: true, force: true });
  await mkdir(join(dir, INCOMING), { recursive: true });
  const commits = new Map<string, Promise<unknown>>();

  const fileOf = (bucket: string, key: string) => join(dir, bucket, createHash('sha256').update(key, 'utf8').digest('hex'));

  /** One commit at a time per object file. */
  async function exclusive<T>(file: string, work: () => Promise<T>): Promise<T> {
    const run = (commits.get(file) ?? Promise.resolve()).then(work);
    const settled = run.catch(() => undefined);
    commits.set(file, settled);
    try {
      return await run;
    } finally {
      if (commits.get(file) === settled) commits.delete(file);
    }
  }

  async function openFile(file: string): Promise<OpenObject | undefined> {
    let handle: FileHandle;
    try {
      handle = await open(file, 'r');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw error;
    }
    try {
      const object = await readDescription(handle, file);
      return {
        object,
        read: (start, end) => {
          if (end < start) {
            void handle.close();
            return Readable.from([]);
          }
          return handle.createReadStream({ start, end, autoClose: true });
        },
        close: () => handle.close(),
      };
    } catch (error) {
      await handle.close();
      throw error;
    }
  }

  return {
    async hasBucket(bucket: string): Promise<boolean> {
      return stat(join(dir, bucket)).then((s) => s.isDirectory(), () => false);
    },

    /** False when the bucket was there already. */
    async createBucket(bucket: string): Promise<boolean> {
      try {
        await mkdir(join(dir, bucket));
        return true;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
        throw error;
      }
    },

    /** The object and a way to read its body (the file stays the one opened, even if replaced meanwhile). */
    open: (bucket: string, key: string) => openFile(fileOf(bucket, key)),

    /**
     * Streams `body` into a new object; `describe` is called once the body has been read (its
     * digest known). The object replaces the current one unless `condition` throws.
     */
    async put(
      bucket: string,
      key: string,
      body: Readable,
      describe: () => Omit<StoredObject, 'key' | 'lastModified'>,
      condition?: WriteCondition,
    ): Promise<StoredObject> {
      const file = fileOf(bucket, key);
      const incoming = join(dir, INCOMING, randomUUID());
      let described: StoredObject | undefined;
      const appendDescription = new Transform({
        transform: (chunk, _encoding, callback) => callback(null, chunk),
        flush: (callback) => {
          try {
            const lastModified = new Date(Math.floor(Date.now() / 1000) * 1000).toISOString();
            described = { ...describe(), key, lastModified };
            callback(null, encodeDescription(described));
          } catch (error) {
            callback(error as Error);
          }
        },
      });
      try {
        await pipeline(body, appendDescription, createWriteStream(incoming, { flags: 'wx' }));
        const written = await open(incoming, 'r+');
        await written.sync().finally(() => written.close());
        return await exclusive(file, async () => {
          if (condition) {
            const current = await openFile(file);
            await current?.close();
            condition(current?.object);
          }
          await rename(incoming, file);
          return described!;
        });
      } finally {
        await rm(incoming, { force: true });
      }
    },

    async remove(bucket: string, key: string): Promise<void> {
      const file = fileOf(bucket, key);
      await exclusive(file, () => rm(file, { force: true }));
    },

    /** Every object whose key starts with `prefix`, in UTF-8 binary order of keys (as S3 lists). */
    async list(bucket: string, prefix = ''): Promise<StoredObject[]> {
      const names = (await readdir(join(dir, bucket))).filter((name) => /^[0-9a-f]{64}$/.test(name));
      const objects: StoredObject[] = [];
      for (let i = 0; i < names.length; i += 64) {
        const opened = await Promise.all(names.slice(i, i + 64).map((name) => openFile(join(dir, bucket, name))));
        for (const one of opened) {
          if (!one) continue; // deleted meanwhile
          await one.close();
          if (one.object.key.startsWith(prefix)) objects.push(one.object);
        }
      }
      return objects.sort((a, b) => Buffer.compare(Buffer.from(a.key, 'utf8'), Buffer.from(b.key, 'utf8')));
    },

    async close(): Promise<void> {
      await Promise.all([...commits.values()]);
      if (!dataDir) await rm(dir, { recursive: true, force: true });
    },
  };
}

export type ObjectStore = Awaited<ReturnType<typeof createObjectStore>>;

/** The description, its length (4 bytes, big-endian) and the marker, after the body. */
function encodeDescription(object: StoredObject): Buffer {
  const json = Buffer.from(JSON.stringify(object), 'utf8');
  const length = Buffer.alloc(4);
  length.writeUInt32BE(json.length);
  return Buffer.concat([json, length, MARKER]);
}

async function readDescription(handle: FileHandle, file: string): Promise<StoredObject> {
  const { size } = await handle.stat();
  const tail = Buffer.alloc(8);
  if (size < tail.length || (await handle.read(tail, 0, 8, size - 8)).bytesRead !== 8 || !tail.subarray(4).equals(MARKER)) {
    throw new Error(`not an object file of the local S3: ${file}`);
  }
  const length = tail.readUInt32BE(0);
  const json = Buffer.alloc(length);
  await handle.read(json, 0, length, size - 8 - length);
  const object = JSON.parse(json.toString('utf8')) as StoredObject;
  if (object.size !== size - 8 - length) throw new Error(`an object file of the local S3 does not match its description: ${file}`);
  return object;
}
