import type { Quad, Term } from '@rdfjs/types';
import { DataFactory, Writer } from 'n3';
import { RDF_TYPE, type CompactGraph } from './graph.ts';
import { ns } from './vocab.ts';

/** A catalog up to this size is validated whole. */
export const WHOLE_CATALOG_STATEMENTS = 10_000;
/** A larger one is validated on this many datasets, each whole, with everything it points at. */
export const SAMPLED_DATASETS = 100;
/** However a catalog links its nodes, the sample stays this small. */
const MAX_SAMPLE_STATEMENTS = 20_000;
/** Statements of this many of the latest subjects are kept, in case something in the sample points at them next. */
const RECENT_SUBJECTS = 16;

const DATASET = ns.dcat + 'Dataset';
const CATALOG = ns.dcat + 'Catalog';
const LISTS_DATASET = ns.dcat + 'dataset';
const SERVES_DATASET = ns.dcat + 'servesDataset';

const key = (term: Term) => (term.termType === 'BlankNode' ? `_:${term.value}` : term.value);

/**
 * The statements to validate, chosen as they stream past. A small catalog is validated whole. Of a large one, the
 * first SAMPLED_DATASETS datasets are taken whole, with the catalogs that list them and every node they point at
 * (distributions, contact points, publishers, licences). The first N statements, as before, cut the last dataset in
 * half and left out what is described later, and so reported mistakes the catalog did not make.
 */
export class ValidationSample {
  private everything: string[] | null = [];
  private readonly sampled = new Set<string>();
  private readonly wanted = new Set<string>();
  private readonly described = new Set<string>();
  /** A nested node's type comes before the statement pointing at it (RDF/XML): kept here until we know. */
  private readonly recent = new Map<string, Quad[]>();
  private datasets = 0;
  private readonly writer = new Writer({ format: 'N-Triples' });
  /** Statements of nodes described before the sample pointed at them, taken from the harvest's graph. */
  private readonly late: string[] = [];

  constructor(private readonly datasetLimit = SAMPLED_DATASETS) {}

  add(quad: Quad) {
    if (this.everything) {
      this.everything.push(this.line(quad));
      if (this.everything.length > WHOLE_CATALOG_STATEMENTS) this.everything = null;
    }
    const subject = key(quad.subject);
    const predicate = quad.predicate.value;
    const object = quad.object.termType === 'Literal' ? null : key(quad.object);
    if (predicate === RDF_TYPE && object === CATALOG) this.want(subject);
    if (predicate === RDF_TYPE && object === DATASET) this.sample(subject);
    if (!this.wanted.has(subject)) return this.remember(subject, quad);
    // Links to datasets lead only into those sampled: a catalog's other 25,000 would each be reported as untyped.
    if (predicate === LISTS_DATASET && !(object && this.sample(object))) return;
    if (predicate === SERVES_DATASET && !(object && this.wanted.has(object))) return;
    this.keep(subject, quad);
    if (object && predicate !== RDF_TYPE) this.want(object);
  }

  private line(quad: Quad) {
    return this.writer.quadToString(quad.subject, quad.predicate, quad.object);
  }

  private keep(subject: string, quad: Quad) {
    if (this.sampled.size >= MAX_SAMPLE_STATEMENTS) return;
    this.sampled.add(this.line(quad));
    this.described.add(subject);
  }

  private remember(subject: string, quad: Quad) {
    let quads = this.recent.get(subject);
    if (!quads) {
      if (this.recent.size >= RECENT_SUBJECTS) this.recent.delete(this.recent.keys().next().value!);
      this.recent.set(subject, (quads = []));
    }
    if (quads.length < 32) quads.push(quad);
  }

  private want(node: string) {
    if (this.wanted.has(node)) return;
    this.wanted.add(node);
    for (const quad of this.recent.get(node) ?? []) this.keep(node, quad);
    this.recent.delete(node);
  }

  /** Takes a dataset into the sample while there is room; false when it stays out. */
  private sample(dataset: string): boolean {
    if (this.wanted.has(dataset)) return true;
    if (this.datasets >= this.datasetLimit) return false;
    this.datasets++;
    this.want(dataset);
    return true;
  }

  /**
   * The statements as N-Triples, once the whole document has been read, and whether they are only part of it.
   * Nodes the sample points at whose statements came well before anything pointed at them are described from the
   * harvest's graph (the statements it keeps: types, names, e-mail addresses), so that a publisher listed first is
   * not reported as untyped.
   */
  finish(graph: CompactGraph): { ntriples: string; partial: boolean } {
    if (this.everything) return { ntriples: this.everything.join(''), partial: false };
    for (const node of this.wanted) this.describe(node, graph);
    return { ntriples: [...this.sampled, ...this.late].join(''), partial: true };
  }

  /** Takes what `graph` keeps about a node the sample points at and has no statements of (before it is forgotten). */
  describe(node: string, graph: CompactGraph) {
    if (this.everything || !this.wanted.has(node) || this.described.has(node)) return;
    this.described.add(node);
    const subject = node.startsWith('_:') ? DataFactory.blankNode(node.slice(2)) : DataFactory.namedNode(node);
    for (const [predicate, value] of graph.statements(node)) {
      const object =
        value.kind === 'literal'
          ? DataFactory.literal(value.value, value.lang || undefined)
          : value.kind === 'blank'
            ? DataFactory.blankNode(value.value.slice(2))
            : DataFactory.namedNode(value.value);
      this.late.push(this.writer.quadToString(subject, DataFactory.namedNode(predicate), object));
    }
  }
}
