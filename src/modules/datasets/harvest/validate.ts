import fs from 'node:fs';
import path from 'node:path';
import factory from '@rdfjs/data-model';
import datasetFactory from '@rdfjs/dataset';
import type { DatasetCore, Quad, Term } from '@rdfjs/types';
import { Worker } from 'node:worker_threads';
import { Parser, Writer } from 'n3';
import { Validator } from 'shacl-engine';
import type { ValidationGroup, ValidationResultRow, ValidationSummary } from '../../../db/schema/index.ts';
import type { CompactGraph } from './graph.ts';
import { cardinalityShapes, describeVocabularyTerms, loadVocabularies } from './profile.ts';
import { ValidationSample } from './sample.ts';
import { ns } from './vocab.ts';

/**
 * DCAT-AP-SE 3.0.1 validation: the EU DCAT-AP shapes plus the Swedish additions and the profile's cardinalities
 * (profile.ts), with the constraints the Swedish profile relaxes (dcat-ap-se-overrides.json) taken out of the report.
 * IRIs from the controlled vocabularies are described to the validator; a class check on any other IRI the document
 * does not describe is reported apart, as not checked, since nothing says it is wrong. The files are copies of those in
 * shared/data/dcat-ap-se/shapes (a test checks they are the same), so the application runs without shared/.
 */
export const SHAPES_DIR = path.join(import.meta.dirname, '../shapes');
export const SHAPE_FILES = ['dcat-ap-SHACL.ttl', 'dcat-ap-se-additions.ttl', 'dcat-ap-se-overrides.json'];

const env = Object.assign(Object.create(factory), { dataset: (quads?: Quad[]) => datasetFactory.dataset(quads) });
const SH = 'http://www.w3.org/ns/shacl#';

type Loaded = { validator: Validator; ignored: Map<string, Set<string>>; vocabularies: Map<string, Set<string>> };
let loaded: Promise<Loaded> | null = null;
/** Reads the shapes, the profile and the vocabularies (once per thread). */
export function load(): Promise<Loaded> {
  loaded ??= (async () => {
    const shapes = datasetFactory.dataset();
    for (const file of SHAPE_FILES.slice(0, 2)) {
      for (const quad of new Parser({ baseIRI: `file:///${file}` }).parse(fs.readFileSync(path.join(SHAPES_DIR, file), 'utf8'))) shapes.add(quad);
    }
    const classesOf = (property: string) =>
      [...shapes.match(null, factory.namedNode(SH + 'path'), factory.namedNode(property))].flatMap((p) =>
        [...shapes.match(p.subject, factory.namedNode(SH + 'class'))].map((c) => c.object.value),
      );
    const vocabularies = await loadVocabularies(classesOf);
    for (const quad of cardinalityShapes()) shapes.add(quad);
    const overrides = JSON.parse(fs.readFileSync(path.join(SHAPES_DIR, SHAPE_FILES[2]), 'utf8')) as {
      overrides: { path: string; ignoreConstraints: string[] }[];
    };
    const ignored = new Map(overrides.overrides.map((o) => [o.path, new Set(o.ignoreConstraints)]));
    return { validator: new Validator(shapes, { factory: env }), ignored, vocabularies };
  })();
  return loaded;
}

/** The statements to validate; `partial` when they are a sample of a larger catalog (see ValidationSample). */
export class ValidationBuffer {
  readonly dataset: DatasetCore = datasetFactory.dataset();
  partial = false;
  // Counted here: the dataset's own size is computed by walking its index, which per statement made reading quadratic.
  count = 0;
  add(quad: Quad) {
    this.dataset.add(quad);
    this.count++;
  }
}

const prefixes: [string, string][] = Object.entries(ns).map(([prefix, iri]) => [iri, prefix === 'dct' ? 'dcterms' : prefix]);
/** dcterms:publisher rather than the whole IRI: what a publisher recognises from their own files. */
export function shortName(iri: string): string {
  for (const [base, prefix] of prefixes) if (iri.startsWith(base)) return `${prefix}:${iri.slice(base.length)}`;
  return iri;
}

interface ShaclResult {
  constraintComponent: Term;
  severity: Term;
  focusNode: { term?: Term } & Partial<Term>;
  value?: { term?: Term };
  path?: { predicates: Term[] }[] | null;
  shape: { ptr: { out(p: Term[]): { value?: string } } };
}

/**
 * Validation beside the harvest, in a worker thread started with the harvest: it loads the shapes while the document
 * is read (the database is idle then, so the second core is free), the statements are chosen as the document streams
 * past (a ValidationSample), and they are validated while the records are mapped and written.
 */
export class BackgroundValidation {
  private readonly sample = new ValidationSample();
  // The sample is bounded, so a small heap is enough; a large young generation would only add to the process's RSS.
  private readonly worker = new Worker(new URL('./validate-worker.mjs', import.meta.url), {
    resourceLimits: { maxYoungGenerationSizeMb: 8, maxOldGenerationSizeMb: 160 },
  });
  private readonly result: Promise<ValidationSummary>;

  constructor() {
    this.result = new Promise<ValidationSummary>((resolve, reject) => {
      this.worker.once('message', (answer: { ok: true; summary: ValidationSummary } | { ok: false; message: string }) => {
        void this.worker.terminate();
        if (answer.ok) resolve(answer.summary);
        else reject(new Error(answer.message));
      });
      this.worker.once('error', reject);
    });
    this.result.catch(() => {}); // read by finish(); a harvest that fails first never asks
  }

  add(quad: Quad) {
    this.sample.add(quad);
  }

  /** A node the harvest is about to forget: the sample takes it if it points at it and has not got it. */
  keep(node: string, graph: CompactGraph) {
    this.sample.describe(node, graph);
  }

  /** Starts validating, once the whole document has been read into `graph`. */
  start(graph: CompactGraph) {
    this.worker.postMessage(this.sample.finish(graph));
  }

  /** Starts validating statements made here (a CKAN site's records as DCAT-AP-SE); `partial` when they are a sample. */
  startWith(quads: Quad[], partial: boolean) {
    const writer = new Writer({ format: 'N-Triples' });
    this.worker.postMessage({ ntriples: quads.map((q) => writer.quadToString(q.subject, q.predicate, q.object)).join(''), partial });
  }

  finish(): Promise<ValidationSummary> {
    return this.result;
  }

  /** When the harvest is over, or fails anyway: the worker is stopped if it is still running. */
  abandon() {
    void this.worker.terminate();
  }
}

/** A report keeps this many results for its downloads; the groups count them all. */
export const MAX_RESULTS = 5000;

/** Validates the collected statements and groups the results by rule (class, property, constraint). */
export async function validateCatalog(buffer: ValidationBuffer): Promise<ValidationSummary> {
  const { validator, ignored, vocabularies } = await load();
  const data = buffer.dataset;
  const vocabularyTerms = describeVocabularyTerms(data, vocabularies);
  const report = await validator.validate({ dataset: data });
  const groups = new Map<string, ValidationGroup>();
  const results: ValidationResultRow[] = [];
  const seen = new Set<string>();
  const first = (node: Term, predicate: string) => [...data.match(node as Quad['subject'], factory.namedNode(predicate))].map((q) => q.object);
  const typeOf = (node: Term) => shortName(first(node, ns.rdf + 'type')[0]?.value ?? '');
  const described = (node: Term) => data.match(node as Quad['subject']).size > 0;
  const titleOf = (node: Term) => {
    const texts = [ns.dct + 'title', ns.foaf + 'name', ns.vcard + 'fn'].flatMap((p) => first(node, p));
    const lang = (l: string) => texts.find((t) => t.termType === 'Literal' && (t as Quad['object'] & { language: string }).language === l)?.value;
    return lang('sv') ?? lang('en') ?? texts[0]?.value ?? '';
  };
  const labelOf = (node: Term): { label: string; ofDataset?: boolean } => {
    const own = titleOf(node);
    if (own) return { label: own };
    const parent = [...data.match(null, factory.namedNode(ns.dcat + 'distribution'), node as Quad['object'])][0]?.subject;
    return parent ? { label: titleOf(parent), ofDataset: true } : { label: '' };
  };
  for (const result of report.results as unknown as ShaclResult[]) {
    const constraint = result.constraintComponent.value.replace(SH, '');
    const pathIri = result.path?.[0]?.predicates?.[0]?.value ?? '';
    if (ignored.get(pathIri)?.has(constraint)) continue;
    const focus = (result.focusNode.term ?? result.focusNode) as Term;
    if (vocabularyTerms.has(focus.value)) continue;
    const value = result.value?.term;
    // The EU shapes and the profile both require e.g. a title: one mistake, one result.
    const once = [focus.value, pathIri, constraint, value?.value ?? ''].join(' ');
    if (seen.has(once)) continue;
    seen.add(once);
    const parameter = ['class', 'datatype', 'minCount', 'maxCount', 'nodeKind', 'in', 'pattern']
      .map((p) => result.shape.ptr.out([factory.namedNode(SH + p)]).value)
      .find((v) => v !== undefined);
    const unchecked = constraint === 'ClassConstraintComponent' && value?.termType === 'NamedNode' && !described(value);
    const group: ValidationGroup = {
      focusClass: typeOf(focus),
      path: shortName(pathIri),
      constraint,
      severity: result.severity.value.replace(SH, '') as ValidationGroup['severity'],
      parameter: parameter ? shortName(parameter.replace(SH, '')) : undefined,
      count: 0,
      examples: [],
      labels: [],
      ofDataset: [],
      ...(unchecked ? { unchecked } : {}),
    };
    const key = [group.focusClass, group.path, group.constraint, group.parameter, unchecked].join(' ');
    const kept = groups.get(key) ?? group;
    groups.set(key, kept);
    kept.count++;
    const { label, ofDataset } = labelOf(focus);
    if (kept.examples.length < 5 && focus.termType !== 'BlankNode') {
      kept.examples.push(focus.value);
      kept.labels!.push(label);
      kept.ofDataset!.push(ofDataset === true);
    }
    if (results.length < MAX_RESULTS) {
      const { count: _c, examples: _e, labels: _l, ofDataset: _o, ...rule } = kept;
      results.push({
        ...rule,
        focus: focus.termType === 'BlankNode' ? '' : focus.value,
        label,
        ...(ofDataset ? { ofDataset } : {}),
        pathIri,
        ...(value && value.termType !== 'BlankNode' ? { value: value.value, ...(value.termType === 'Literal' ? { literal: true } : {}) } : {}),
      });
    }
  }
  const list = [...groups.values()].sort(
    (a, b) => Number(a.unchecked ?? false) - Number(b.unchecked ?? false) || b.count - a.count || a.path.localeCompare(b.path),
  );
  return { conforms: !list.some((g) => !g.unchecked), groups: list, statements: buffer.count, partial: buffer.partial, results };
}
