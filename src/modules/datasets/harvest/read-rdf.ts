import fs from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import type { Quad } from '@rdfjs/types';
import { StreamParser } from 'n3';
import { RdfXmlParser } from 'rdfxml-streaming-parser';
import { JsonLdParser } from 'jsonld-streaming-parser';
import { HarvestError, type Fetched } from './fetch.ts';

export type RdfFormat = 'rdfxml' | 'turtle' | 'jsonld';

/**
 * JSON-LD contexts a catalog may name, served from files in the application: a harvest never fetches a context
 * from the network (that would be a request the operator did not allow, to anywhere the document says).
 */
export const CONTEXT_URL = 'https://hack365.se/contexts/dcat-ap-se.jsonld';
const bundledContexts = new Map([[CONTEXT_URL, path.join(import.meta.dirname, 'contexts/dcat-ap-se.jsonld')]]);
const documentLoader = {
  async load(url: string) {
    const file = bundledContexts.get(url);
    if (!file) throw new HarvestError('remote_context', url);
    return JSON.parse(fs.readFileSync(file, 'utf8'));
  },
};

/** Reads the first bytes, so the format can be told from them, and gives back a stream that still has them. */
async function peek(body: Readable, counter: { bytes: number }, bytes = 4096): Promise<{ head: string; stream: Readable }> {
  const chunks: Buffer[] = [];
  let size = 0;
  const iterator = body[Symbol.asyncIterator]();
  while (size < bytes) {
    const next = await iterator.next();
    if (next.done) break;
    chunks.push(next.value);
    size += next.value.length;
  }
  counter.bytes = size;
  async function* rest() {
    yield* chunks;
    for (let next = await iterator.next(); !next.done; next = await iterator.next()) {
      counter.bytes += (next.value as Buffer).length;
      yield next.value as Buffer;
    }
  }
  return { head: Buffer.concat(chunks).toString('utf8'), stream: Readable.from(rest(), { objectMode: false }) };
}

/** The format by content type, then by content; an HTML page or a document with a DTD is refused here. */
export function chooseFormat(contentType: string, head: string): RdfFormat {
  const text = head.replace(/^\uFEFF/, '').trimStart();
  if (/^(<!doctype\s+html|<html[\s>]|<head[\s>]|<body[\s>])/i.test(text)) throw new HarvestError('html_not_rdf');
  // XML entity declarations are how entity bombs and external entities get in; catalogs never need them.
  if (/<!DOCTYPE|<!ENTITY/i.test(text)) throw new HarvestError('dtd_refused');
  const type = contentType.split(';')[0].trim().toLowerCase();
  if (type === 'application/rdf+xml') return 'rdfxml';
  if (type === 'text/turtle' || type === 'text/n3' || type === 'application/x-turtle') return 'turtle';
  if (type === 'application/ld+json') return 'jsonld';
  if (text.startsWith('<')) return 'rdfxml';
  if (text.startsWith('{') || text.startsWith('[')) return 'jsonld';
  if (text === '') throw new HarvestError('empty');
  return 'turtle';
}

function parserFor(format: RdfFormat, baseIRI: string) {
  if (format === 'rdfxml') return new RdfXmlParser({ baseIRI });
  if (format === 'turtle') return new StreamParser({ baseIRI, format: 'text/turtle' });
  return new JsonLdParser({ baseIRI, documentLoader });
}

/** Streams the document's statements to `onQuad`; the document itself is never held whole. */
export async function readRdf(fetched: Fetched, onQuad: (quad: Quad) => void): Promise<{ format: RdfFormat; bytes: number }> {
  const counter = { bytes: 0 };
  const { head, stream } = await peek(fetched.body, counter);
  const format = chooseFormat(fetched.contentType, head);
  const parser = parserFor(format, fetched.url);
  await new Promise<void>((resolve, reject) => {
    const fail = (err: Error) => {
      stream.destroy();
      // The JSON-LD parser wraps the loader's refusal in an error of its own.
      if (!(err instanceof HarvestError) && err.message.includes('remote_context')) err = new HarvestError('remote_context', err.message.slice(0, 300));
      reject(err instanceof HarvestError ? err : new HarvestError('malformed', err.message.slice(0, 300)));
    };
    stream.on('error', fail);
    parser.on('error', fail);
    parser.on('data', onQuad);
    parser.on('end', resolve);
    stream.pipe(parser as unknown as NodeJS.WritableStream);
  });
  return { format, bytes: counter.bytes };
}
