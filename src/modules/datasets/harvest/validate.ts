import fs from 'node:fs';
import path from 'node:path';
import factory from '@rdfjs/data-model';
import datasetFactory from '@rdfjs/dataset';
import type { DatasetCore, Quad, Term } from '@rdfjs/types';
import { Worker } from 'node:worker_threads';
import { Parser } from 'n3';
import { Validator } from 'shacl-engine';
import type { ValidationGroup, ValidationSummary } from '../../../db/schema/index.ts';
import type { CompactGraph } from './graph.ts';
import { ValidationSample } from './sample.ts';
import { ns } from './vocab.ts';

/**
 * DCAT-AP-SE 3.0.1 validation: the EU DCAT-AP shapes plus the Swedish additions, with the constraints the Swedish
 * profile relaxes (dcat-ap-se-overrides.json) taken out of the report. The files are copies of those in
 * shared/data/dcat-ap-se/shapes (a test checks they are the same), so the application runs without shared/.
 */
export const SHAPES_DIR = path.join(import.meta.dirname, '../shapes');
export const SHAPE_FILES = ['dcat-ap-SHACL.ttl', 'dcat-ap-se-additions.ttl', 'dcat-ap-se-overrides.json'];

const env = Object.assign(Object.create(factory), { dataset: (quads?: Quad[]) => datasetFactory.dataset(quads) });
const SH = 'http://www.w3.org/ns/shacl#';

let loaded: { validator: Validator; ignored: Map<string, Set<string>> } | null = null;
/** Reads the shapes (once per thread). */
export function load() {
  if (loaded) return loaded;
  const shapes = datasetFactory.dataset();
  for (const file of SHAPE_FILES.slice(0, 2)) {
    for (const quad of new Parser({ baseIRI: `file:///${file}` }).parse(fs.readFileSync(path.join(SHAPES_DIR, file), 'utf8'))) shapes.add(quad);
  }
  const overrides = JSON.parse(fs.readFileSync(path.join(SHAPES_DIR, SHAPE_FILES[2]), 'utf8')) as { overrides: { path: string; ignoreConstraints: string[] }[] };
  const ignored = new Map(overrides.overrides.map((o) => [o.path, new Set(o.ignoreConstraints)]));
  loaded = { validator: new Validator(shapes, { factory: env }), ignored };
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
  private readonly worker = new Worker(new URL('./validate-worker.mjs', import.meta.url), { resourceLimits: { maxYoungGenerationSizeMb: 8, maxOldGenerationSizeMb: 160 } });
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

  /** Starts validating, once the whole document has been read into `graph`. */
  start(graph: CompactGraph) {
    this.worker.postMessage(this.sample.finish(graph));
  }

  finish(): Promise<ValidationSummary> {
    return this.result;
  }

  /** When the harvest is over, or fails anyway: the worker is stopped if it is still running. */
  abandon() {
    void this.worker.terminate();
  }
}

/** Validates the collected statements and groups the violations by rule (class, property, constraint). */
export async function validateCatalog(buffer: ValidationBuffer): Promise<ValidationSummary> {
  const { validator, ignored } = load();
  const report = await validator.validate({ dataset: buffer.dataset });
  const groups = new Map<string, ValidationGroup>();
  const typeOf = (node: Term) => {
    for (const q of buffer.dataset.match(node as Quad['subject'], factory.namedNode(ns.rdf + 'type'))) return shortName(q.object.value);
    return '';
  };
  for (const result of report.results as unknown as ShaclResult[]) {
    const constraint = result.constraintComponent.value.replace(SH, '');
    const pathIri = result.path?.[0]?.predicates?.[0]?.value ?? '';
    if (ignored.get(pathIri)?.has(constraint)) continue;
    const focus = (result.focusNode.term ?? result.focusNode) as Term;
    const parameter = ['class', 'datatype', 'minCount', 'maxCount', 'nodeKind', 'in', 'pattern']
      .map((p) => result.shape.ptr.out([factory.namedNode(SH + p)]).value)
      .find((v) => v !== undefined);
    const group: ValidationGroup = {
      focusClass: typeOf(focus),
      path: shortName(pathIri),
      constraint,
      severity: result.severity.value.replace(SH, '') as ValidationGroup['severity'],
      parameter: parameter ? shortName(parameter.replace(SH, '')) : undefined,
      count: 0,
      examples: [],
    };
    const key = [group.focusClass, group.path, group.constraint, group.parameter].join(' ');
    const kept = groups.get(key) ?? group;
    groups.set(key, kept);
    kept.count++;
    if (kept.examples.length < 5 && focus.termType !== 'BlankNode') kept.examples.push(focus.value);
  }
  const list = [...groups.values()].sort((a, b) => b.count - a.count || a.path.localeCompare(b.path));
  return { conforms: list.length === 0, groups: list, statements: buffer.count, partial: buffer.partial };
}
