import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

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
