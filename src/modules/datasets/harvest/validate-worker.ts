import { parentPort } from 'node:worker_threads';
import { Parser } from 'n3';
import { load, validateCatalog, ValidationBuffer } from './validate.ts';

void load(); // while the harvest reads the document

/** Receives N-Triples and whether they are a sample of a larger catalog; answers with the summary. */
parentPort!.once('message', async ({ ntriples, partial }: { ntriples: string; partial: boolean }) => {
  try {
    const buffer = new ValidationBuffer();
    for (const quad of new Parser({ format: 'N-Triples' }).parse(ntriples)) buffer.add(quad);
    buffer.partial = partial;
    parentPort!.postMessage({ ok: true, summary: await validateCatalog(buffer) });
  } catch (err) {
    parentPort!.postMessage({ ok: false, message: (err as Error).message });
  }
});
