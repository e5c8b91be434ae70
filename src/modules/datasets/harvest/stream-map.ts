import type { Quad } from '@rdfjs/types';
import type { HarvestProblem } from '../../../db/schema/index.ts';
import { CompactGraph, RDF_TYPE } from './graph.ts';
import { datasetRecords, dcatMapper, declaredLanguage, MAPPED_PREDICATES } from './map-dcat.ts';
import type { DatasetRecord } from './record.ts';
import { ns } from './vocab.ts';

/** Thrown when something said late in a document changes a dataset already written: the document is read again whole. */
export class ReadAgainWhole extends Error {
  constructor(why: string) {
    super(`read again whole: ${why}`);
  }
}

/** A publisher's name and type as they stand at the end of the document, for the datasets written before they were given. */
export interface PublisherNames {
  iri: string;
  name: string;
  type: string;
}

export interface StreamOptions {
  /** Map datasets while the document is read (false: hold the whole graph and map it at the end). */
  stream: boolean;
  /** A dataset is mapped once this many statements have been read after its last own statement. */
  lag?: number;
  /** How often (in statements) to look for datasets that can be mapped. */
  every?: number;
  /** Told of each subject just before it is forgotten (the validation sample may want it). */
  evicting?: (subject: string, graph: CompactGraph) => void;
}

const CATALOG = ns.dcat + 'Catalog';
const DATA_SERVICE = ns.dcat + 'DataService';
const LISTS = ns.dcat + 'dataset';
const SERVICE = ns.dcat + 'service';
const SERVES = ns.dcat + 'servesDataset';
const HAS_PART = ns.dct + 'hasPart';
const LANGUAGE = ns.dct + 'language';
const DISTRIBUTION = ns.dcat + 'distribution';

/** How many of the latest subjects are never forgotten (more than RDF/XML nests). */
const RECENT = 64;

/** A 52-bit hash of a subject's key: the memory of what was written is one number per subject, not its IRI. */
function hashKey(s: string): number {
  let a = 0x811c9dc5;
  let b = 0x9747b28c;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x5bd1e995) ^ (b >>> 13);
  }
  return (a >>> 0) * 0x100000 + ((b >>> 0) & 0xfffff);
}

/**
 * Reads a DCAT catalog's statements as the parser gives them and maps each dataset once the document has moved on
 * from it (`lag` statements after its last one), so the datasets are written while the rest is still being parsed and
 * the graph holds only the datasets in between: a catalog of 250,000 datasets is read in the memory of a few thousand.
 *
 * The result is the same as mapping the whole graph. A mapped dataset's subjects (itself, its distributions, contact
 * points, format nodes, coverage and services: `dcatMapper().nodes`) are forgotten with a fingerprint of what was said
 * about them; should any of them be described differently later, or the catalog's language, services or sub-catalogs
 * be given after the first datasets were written, `ReadAgainWhole` is thrown and the harvest reads the document again
 * the old way. A publisher named by IRI is the one thing a dataset reads that may come later (catalogs often describe
 * each agent once, at the end): its final name and type are given by `finish()`, for the datasets written before.
 * Documents without exactly one catalog, or with sub-catalogs, are mapped whole at the end.
 */
export class StreamedDcat {
  readonly graph = new CompactGraph(MAPPED_PREDICATES);
  readonly problems: HarvestProblem[] = [];
  private readonly lag: number;
  private readonly every: number;
  private statements = 0;
  private catalog: string | null = null;
  private streaming: boolean;
  private flushed = false;
  /** Datasets listed and not yet mapped, in the order listed, with the number of the last statement about each. */
  private readonly pending = new Map<string, number>();
  private readonly listed = new Set<number>();
  /** Fingerprints of the subjects read by mapped datasets, by hashKey. */
  private readonly sealed = new Map<number, number>();
  private readonly served = new Map<string, string[]>();
  private readonly catalogServices = new Set<string>();
  /** Publishers named by IRI (or text), which stay to be named at the end. */
  private readonly publishers = new Set<string>();
  private mapper: ReturnType<typeof dcatMapper> | null = null;
  /** The latest subjects described, so that one being described (again) just now is not forgotten half-way. */
  private readonly recent: string[] = new Array<string>(RECENT).fill('');
  private latest = 0;
  /** Subjects to forget once they have not been described for a while. */
  private later = new Set<string>();

  constructor(
    private readonly emit: (records: DatasetRecord[]) => void | Promise<void>,
    private readonly opts: StreamOptions,
  ) {
    this.streaming = opts.stream;
    this.lag = opts.lag ?? 50_000;
    this.every = opts.every ?? 25_000;
  }

  add(quad: Quad): void | Promise<void> {
    const predicate = quad.predicate.value;
    // Once datasets are being written, the catalog's list of them is not kept (it would grow with the catalog).
    if (predicate === LISTS && this.flushed && key(quad.subject) === this.catalog) return void this.list(key(quad.object));
    const subject = this.graph.add(quad);
    if (subject === undefined) return;
    this.statements++;
    if (predicate === RDF_TYPE || predicate === LISTS || predicate === SERVICE || predicate === SERVES || predicate === HAS_PART || predicate === LANGUAGE) {
      this.structure(subject, predicate, quad.object.termType === 'BlankNode' ? key(quad.object) : quad.object.value);
    }
    if (subject !== this.recent[this.latest]) this.recent[(this.latest = (this.latest + 1) % RECENT)] = subject;
    if (this.pending.has(subject)) this.pending.set(subject, this.statements);
    if (this.streaming && this.statements % this.every === 0) {
      const records = this.flush(false);
      if (records.length) return this.emit(records);
    }
  }

  /** What the statement says about the document's structure: its catalog, datasets and services. */
  private structure(subject: string, predicate: string, object: string) {
    if (predicate === RDF_TYPE && object === CATALOG && subject !== this.catalog) {
      if (this.catalog === null && !this.flushed) {
        this.catalog = subject;
        for (const listed of this.graph.all(subject, LISTS)) this.list(listed.value);
      } else this.notStreamed('a second catalog');
    } else if (predicate === HAS_PART) this.notStreamed('sub-catalogs');
    else if (subject === this.catalog && predicate === LISTS) this.list(object);
    else if (subject === this.catalog && predicate === SERVICE) {
      if (this.flushed) throw new ReadAgainWhole('a catalog service given late');
      this.catalogServices.add(object);
    } else if (subject === this.catalog && predicate === LANGUAGE && this.flushed) throw new ReadAgainWhole('the catalog language given late');
    else if (predicate === SERVES) {
      if (this.flushed && !this.pending.has(object) && this.sealed.has(hashKey(object))) throw new ReadAgainWhole('a service given late');
      const services = this.served.get(object) ?? [];
      if (!services.includes(subject)) this.served.set(object, [...services, subject]);
    }
  }

  private notStreamed(why: string) {
    if (this.flushed) throw new ReadAgainWhole(why);
    this.streaming = false;
  }

  /**
   * A dataset the catalog lists; listed again, it is still one dataset (as in the whole graph's set). Those written
   * are remembered by a hash, not their IRI (250,000 IRIs took 85 MB): one listed again then, or a collision, is read
   * whole, never skipped.
   */
  private list(dataset: string) {
    if (this.pending.has(dataset)) return;
    const hash = hashKey(dataset);
    if (this.listed.has(hash)) throw new ReadAgainWhole('a dataset listed again');
    this.listed.add(hash);
    this.pending.set(dataset, this.statements);
  }

  /** The services of a dataset, in the order mapping the whole graph finds them: the catalog's first, then those typed. */
  private servicesOf = (dataset: string): string[] => {
    const candidates = this.served.get(dataset) ?? [];
    const listed = [...this.catalogServices].filter((s) => candidates.includes(s));
    const typed = candidates.filter((s) => !this.catalogServices.has(s) && this.graph.all(s, RDF_TYPE).some((t) => t.value === DATA_SERVICE));
    // Typed services are found in the order their subjects first appear, which this reading no longer knows.
    if (typed.length > 1) throw new ReadAgainWhole('several services of one dataset');
    return [...listed, ...typed];
  };

  /** Maps the datasets the document has moved on from (`all`: every one left), then forgets what only they read. */
  private flush(all: boolean): DatasetRecord[] {
    if (this.catalog === null || this.pending.size === 0) return [];
    const before = this.statements - this.lag;
    const batch: string[] = [];
    for (const [dataset, seen] of this.pending) {
      if (!all && seen > before) break;
      batch.push(dataset);
    }
    if (batch.length === 0) return [];
    if (!this.flushed) {
      this.flushed = true;
      this.graph.drop(this.catalog, LISTS);
      this.mapper = dcatMapper(this.graph, this.problems, { fallback: declaredLanguage(this.graph, [this.catalog]), servicesOf: this.servicesOf });
    }
    const mapper = this.mapper!;
    for (const dataset of batch) this.pending.delete(dataset);
    const records: DatasetRecord[] = [];
    for (const dataset of batch) {
      const record = mapper.record(dataset);
      if (!record) continue;
      records.push(record);
      const publisher = record.publisherIri;
      if (publisher && !this.publishers.has(publisher)) {
        // A publisher forgotten as another dataset's node (a contact point, say) can no longer be named.
        if (!this.graph.has(publisher) && (this.sealed.get(hashKey(publisher)) ?? 0) !== 0) throw new ReadAgainWhole('a publisher read before');
        this.publishers.add(publisher);
      }
    }
    // What datasets still to come read stays, and so does a node being described (again) just now; the rest is
    // fingerprinted and forgotten.
    const needed = new Set<string>();
    for (const dataset of this.pending.keys()) for (const node of mapper.nodes(dataset)) needed.add(node);
    // Forgotten: the datasets, their distributions and blank nodes (each described with the one dataset that names
    // it). Other nodes (contact points, formats, places) are often described once and named by many datasets; they stay.
    const forget = new Set(this.later);
    this.later = new Set();
    for (const node of forget) this.seal(node);
    for (const dataset of batch) {
      const own = new Set([dataset, ...this.graph.all(dataset, DISTRIBUTION).map((d) => d.value)]);
      for (const node of mapper.nodes(dataset)) {
        if (forget.has(node)) continue;
        this.seal(node);
        if (own.has(node) || node.startsWith('_:')) forget.add(node);
      }
    }
    const current = new Set(all ? [] : this.recent);
    for (const node of forget) {
      if (needed.has(node) || this.publishers.has(node) || node === this.catalog || !this.graph.has(node)) continue;
      if (current.has(node)) this.later.add(node);
      else {
        this.opts.evicting?.(node, this.graph);
        this.graph.delete(node);
      }
    }
    return records;
  }

  private seal(node: string): string {
    const digest = this.graph.digest(node);
    const hash = hashKey(node);
    const before = this.sealed.get(hash);
    if (before !== undefined && before !== digest) throw new ReadAgainWhole(`${node.slice(0, 200)} described again differently`);
    this.sealed.set(hash, digest);
    return node;
  }

  /**
   * Once the document is read: the records not yet given to `emit` (all of them, mapped from the whole graph, when
   * nothing was streamed), and every publisher with its name and type as the end of the document gives them.
   */
  finish(): { records: Iterable<DatasetRecord>; publishers: () => PublisherNames[] } {
    if (!this.flushed) {
      // Mapped whole: every publisher's name is final in its records, and is given for the rows left unchanged.
      const publishers = new Map<string, PublisherNames>();
      const named = function* (records: Iterable<DatasetRecord>) {
        for (const r of records) {
          if (r.publisherIri) publishers.set(r.publisherIri, { iri: r.publisherIri, name: r.publisherName, type: r.publisherType });
          yield r;
        }
      };
      return { records: named(datasetRecords(this.graph, this.problems)), publishers: () => [...publishers.values()] };
    }
    const records = this.flush(true);
    // Everything a written dataset read and that is still here must be as it was when the dataset was mapped.
    for (const subject of this.graph.subjectKeys()) {
      const before = this.sealed.get(hashKey(subject));
      if (before !== undefined && before !== this.graph.digest(subject)) throw new ReadAgainWhole(`${subject.slice(0, 200)} described again differently`);
    }
    const publishers = [...this.publishers.keys()].map((iri) => ({ iri, ...this.mapper!.publisher(iri) }));
    return { records, publishers: () => publishers };
  }
}

const key = (term: Quad['subject'] | Quad['object']) => (term.termType === 'BlankNode' ? `_:${term.value}` : term.value);
