import fs from 'node:fs';
import path from 'node:path';
import { isUtf8 } from 'node:buffer';
import { Readable } from 'node:stream';
import type { Quad } from '@rdfjs/types';
import iconv from 'iconv-lite';
import { StreamParser } from 'n3';
import { RdfXmlParser } from 'rdfxml-streaming-parser';
import { JsonLdParser } from 'jsonld-streaming-parser';
import { HarvestError, type Fetched } from './fetch.ts';
import { ReadAgainWhole } from './stream-map.ts';

export type RdfFormat = 'rdfxml' | 'turtle' | 'jsonld' | 'ntriples' | 'nquads';

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

/** Reads the first bytes, so the format and encoding can be told from them, and gives back a stream that still has them. */
async function peek(body: Readable, counter: { bytes: number }, bytes = 4096): Promise<{ head: Buffer; stream: AsyncIterable<Buffer> }> {
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
  return { head: Buffer.concat(chunks), stream: rest() };
}

/**
 * The document's character encoding: a byte-order mark first (it is what the bytes are), then the charset of the HTTP
 * header, then an XML declaration's; UTF-8 otherwise (RDF's own syntaxes are UTF-8).
 */
export function chooseEncoding(contentType: string, head: Buffer): string {
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return 'utf-8';
  if (head[0] === 0xff && head[1] === 0xfe) return 'utf-16le';
  if (head[0] === 0xfe && head[1] === 0xff) return 'utf-16be';
  const declared =
    /;\s*charset\s*=\s*"?([\w.:-]+)/i.exec(contentType)?.[1] ??
    /^\s*<\?xml[^>]*\sencoding\s*=\s*["']([\w.:-]+)["']/.exec(head.toString('latin1'))?.[1] ??
    'utf-8';
  const name = declared.toLowerCase();
  if (name === 'utf-8' || name === 'utf8') return 'utf-8';
  if (!iconv.encodingExists(name)) throw new HarvestError('unknown_encoding', declared.slice(0, 40));
  return name;
}

/** Where the last whole UTF-8 character of `bytes` ends (a character cut by the chunk's end waits for the next). */
function wholeCharacters(bytes: Buffer): number {
  let i = bytes.length - 1;
  while (i >= 0 && bytes.length - i < 4 && (bytes[i] & 0xc0) === 0x80) i--;
  if (i < 0) return bytes.length;
  const lead = bytes[i];
  const size = lead >= 0xf0 ? 4 : lead >= 0xe0 ? 3 : lead >= 0xc0 ? 2 : 1;
  return i + size <= bytes.length ? bytes.length : i;
}

/**
 * The document as UTF-8, re-encoded whole characters at a time, so a parser that decodes each chunk on its own never
 * splits a character. UTF-8 is checked as it streams: bytes that are not UTF-8 (a Latin-1 document that does not say
 * so) stop the harvest with `bad_encoding`, rather than being stored as replacement characters.
 */
async function* decoded(stream: AsyncIterable<Buffer>, encoding: string): AsyncGenerator<Buffer> {
  let first = true;
  const strip = (s: string) => {
    if (first && s.length) {
      first = false;
      return s.replace(/^\uFEFF/, '');
    }
    return s;
  };
  if (encoding === 'utf-8') {
    // Passed through as it came, cut at the last whole character and checked natively (isUtf8): decoding and encoding
    // it again cost as much as parsing the attributes of a 37 MB catalog.
    let carry: Buffer = Buffer.alloc(0);
    let offset = 0;
    for await (const chunk of stream) {
      const bytes = carry.length ? Buffer.concat([carry, chunk]) : chunk;
      const cut = wholeCharacters(bytes);
      let whole = bytes.subarray(0, cut);
      carry = bytes.subarray(cut);
      if (!isUtf8(whole)) throw new HarvestError('bad_encoding', `not UTF-8 near byte ${offset}`);
      offset += whole.length;
      if (first && whole.length) {
        first = false;
        if (whole[0] === 0xef && whole[1] === 0xbb && whole[2] === 0xbf) whole = whole.subarray(3);
      }
      if (whole.length) yield whole;
    }
    if (carry.length) throw new HarvestError('bad_encoding', 'the document ends inside a character');
    return;
  }
  const decoder = iconv.getDecoder(encoding);
  for await (const chunk of stream) {
    const s = strip(decoder.write(chunk));
    if (s.includes('\uFFFD')) throw new HarvestError('bad_encoding', `not ${encoding}`);
    if (s) yield Buffer.from(s, 'utf8');
  }
  const end = decoder.end();
  if (end) yield Buffer.from(strip(end), 'utf8');
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
  if (type === 'application/n-triples') return 'ntriples';
  if (type === 'application/n-quads') return 'nquads';
  // A line of N-Triples or N-Quads starts with an IRI in angle brackets (or a blank node) then a predicate IRI, where
  // RDF/XML starts with a tag: "<http://…> <http://…>" is not XML. N-Quads' parser reads N-Triples too.
  if (/^(<[^\s<>"{}|^`\\]*>|_:\S+)\s+<[^\s<>"]*>/.test(text)) return 'nquads';
  if (text.startsWith('<')) return 'rdfxml';
  if (text.startsWith('{') || text.startsWith('[')) return 'jsonld';
  if (text === '') throw new HarvestError('empty');
  return 'turtle';
}

function parserFor(format: RdfFormat, baseIRI: string) {
  if (format === 'rdfxml') return new RdfXmlParser({ baseIRI });
  if (format === 'turtle') return new StreamParser({ baseIRI, format: 'text/turtle' });
  if (format === 'ntriples') return new StreamParser({ baseIRI, format: 'N-Triples' });
  if (format === 'nquads') return new StreamParser({ baseIRI, format: 'N-Quads' });
  return new JsonLdParser({ baseIRI, documentLoader });
}

/**
 * Streams the document's statements to `onQuad`; the document itself is never held whole. When `onQuad` returns a
 * promise, parsing waits for it (the records it made are waiting to be written); when it throws, reading stops.
 */
export async function readRdf(fetched: Fetched, onQuad: (quad: Quad) => void | Promise<void>): Promise<{ format: RdfFormat; bytes: number; encoding: string }> {
  const counter = { bytes: 0 };
  const peeked = await peek(fetched.body, counter);
  const encoding = chooseEncoding(fetched.contentType, peeked.head);
  // The head is decoded loosely: it only tells the format, and the stream below checks every byte.
  const format = chooseFormat(fetched.contentType, encoding === 'utf-8' ? peeked.head.toString('utf8') : iconv.decode(peeked.head, encoding));
  const stream = Readable.from(decoded(peeked.stream, encoding), { objectMode: false });
  const parser = parserFor(format, fetched.url);
  await new Promise<void>((resolve, reject) => {
    let failed = false;
    const fail = (err: Error) => {
      if (failed) return;
      failed = true;
      stream.destroy();
      // The JSON-LD parser wraps the loader's refusal in an error of its own.
      if (!(err instanceof HarvestError) && err.message.includes('remote_context')) err = new HarvestError('remote_context', err.message.slice(0, 300));
      reject(err instanceof HarvestError || err instanceof ReadAgainWhole ? err : new HarvestError('malformed', err.message.slice(0, 300)));
    };
    stream.on('error', fail);
    parser.on('error', fail);
    parser.on('data', (quad: Quad) => {
      if (failed) return;
      try {
        const wait = onQuad(quad);
        if (wait instanceof Promise) {
          parser.pause();
          wait.then(() => parser.resume(), fail);
        }
      } catch (err) {
        fail(err as Error);
      }
    });
    parser.on('end', resolve);
    stream.pipe(parser as unknown as NodeJS.WritableStream);
  });
  return { format, bytes: counter.bytes, encoding };
}
