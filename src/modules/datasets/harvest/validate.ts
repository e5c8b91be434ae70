import fs from 'node:fs';
import path from 'node:path';
import factory from '@rdfjs/data-model';
import datasetFactory from '@rdfjs/dataset';
import type { DatasetCore, Quad, Term } from '@rdfjs/types';
import { Worker } from 'node:worker_threads';
import { Parser, Writer } from 'n3';
import { Validator } from 'shacl-engine';
import type { ValidationGroup, ValidationSummary } from '../../../db/schema/index.ts';
import { ns } from './vocab.ts';

/**
 * DCAT-AP-SE 3.0.1 validation: the EU DCAT-AP shapes plus the Swedish additions, with the constraints the Swedish
 * profile relaxes (dcat-ap-se-overrides.json) taken out of the report. The files are copies of those in
 * shared/data/dcat-ap-se/shapes (a test checks they are the same), so the application runs without shared/.
 */
export const SHAPES_DIR = path.join(import.meta.dirname, '../shapes');
export const SHAPE_FILES = ['dcat-ap-SHACL.ttl', 'dcat-ap-se-additions.ttl', 'dcat-ap-se-overrides.json'];

/** A very large catalog is validated in its first part only: enough to show every kind of mistake it makes. */
export const MAX_VALIDATED_STATEMENTS = 30_000;

const env = Object.assign(Object.create(factory), { dataset: (quads?: Quad[]) => datasetFactory.dataset(quads) });
const SH = 'http://www.w3.org/ns/shacl#';

let loaded: { validator: Validator; ignored: Map<string, Set<string>> } | null = null;
function load() {
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

/** Collects the statements to validate, up to the limit, as they stream past. */
export class ValidationBuffer {
  readonly dataset: DatasetCore = datasetFactory.dataset();
  partial = false;
  // Counted here: the dataset's own size is computed by walking its index, which per statement made reading quadratic.
  count = 0;
  add(quad: Quad) {
    if (this.count >= MAX_VALIDATED_STATEMENTS) this.partial = true;
    else {
      this.dataset.add(quad);
      this.count++;
    }
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
 * Validation beside the harvest: the first MAX_VALIDATED_STATEMENTS statements are sent to a worker thread as soon
 * as they have arrived, so validating them overlaps reading, mapping and writing the rest (two cores do two things)
 * instead of following them.
 */
export class BackgroundValidation {
  private lines: string[] = [];
  private readonly writer = new Writer({ format: 'N-Triples' });
  private result: Promise<ValidationSummary> | null = null;
  private partial = false;
  private worker: Worker | null = null;

  add(quad: Quad) {
    if (this.result) {
      this.partial = true;
      return;
    }
    this.lines.push(this.writer.quadToString(quad.subject, quad.predicate, quad.object));
    if (this.lines.length >= MAX_VALIDATED_STATEMENTS) this.start();
  }

  /** The summary; starts validating now if the catalog was smaller than the part validated. */
  finish(): Promise<ValidationSummary> {
    return this.result ?? this.start();
  }

  /** When the harvest fails anyway: the worker is stopped. */
  abandon() {
    void this.worker?.terminate();
  }

  private start(): Promise<ValidationSummary> {
    const ntriples = this.lines.join('');
    this.lines = [];
    const worker = (this.worker = new Worker(new URL('./validate-worker.mjs', import.meta.url)));
    this.result = new Promise<ValidationSummary>((resolve, reject) => {
      worker.once('message', (answer: { ok: true; summary: ValidationSummary } | { ok: false; message: string }) => {
        void worker.terminate();
        if (answer.ok) resolve({ ...answer.summary, partial: answer.summary.partial || this.partial });
        else reject(new Error(answer.message));
      });
      worker.once('error', reject);
    });
    this.result.catch(() => {}); // read by finish(); a harvest that fails first never asks
    worker.postMessage({ ntriples, partial: false });
    return this.result;
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
