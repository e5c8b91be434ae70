import crypto from 'node:crypto';
import { once } from 'node:events';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import type { Readable } from 'node:stream';
import { finished, pipeline } from 'node:stream/promises';
import type { DatasetRecord } from './record.ts';

/**
 * Writes a fetched document to a temporary file while hashing it, so an unchanged document can be recognised before
 * anything is parsed, without holding it in memory. Disposed (the file removed) with `await using`.
 */
export async function spool(body: Readable) {
  const dir = await fs.promises.mkdtemp(path.join(os.tmpdir(), 'hack365-harvest-'));
  const file = path.join(dir, 'document');
  const hash = crypto.createHash('sha256');
  let bytes = 0;
  const remove = () => fs.promises.rm(dir, { recursive: true, force: true });
  try {
    await pipeline(
      body,
      async function* (chunks: AsyncIterable<Buffer>) {
        for await (const chunk of chunks) {
          hash.update(chunk);
          bytes += chunk.length;
          yield chunk;
        }
      },
      fs.createWriteStream(file),
    );
  } catch (err) {
    await remove();
    throw err;
  }
  return {
    hash: hash.digest('base64url'),
    bytes,
    open: () => fs.createReadStream(file, { highWaterMark: 256 * 1024 }),
    [Symbol.asyncDispose]: remove,
  };
}

export type Spooled = Awaited<ReturnType<typeof spool>>;

/**
 * Records kept in a temporary file (one JSON text a line) between reading them and writing them, so a harvest read
 * in many parts (a CKAN site's pages) holds none of them in memory and opens no transaction while it reads.
 * Disposed (the file removed) with `await using`.
 */
export async function recordSpool() {
  const dir = await fs.promises.mkdtemp(path.join(os.tmpdir(), 'hack365-records-'));
  const file = path.join(dir, 'records.jsonl');
  const out = fs.createWriteStream(file);
  let count = 0;
  return {
    get count() {
      return count;
    },
    async write(record: DatasetRecord) {
      count++;
      if (!out.write(`${JSON.stringify(record)}\n`)) await once(out, 'drain');
    },
    /** The records written, in order; call once all are written. */
    async *read(): AsyncGenerator<DatasetRecord> {
      if (!out.writableFinished) {
        out.end();
        await finished(out);
      }
      for await (const line of readline.createInterface({ input: fs.createReadStream(file), crlfDelay: Infinity })) yield JSON.parse(line);
    },
    [Symbol.asyncDispose]: async () => {
      out.destroy();
      await fs.promises.rm(dir, { recursive: true, force: true });
    },
  };
}
