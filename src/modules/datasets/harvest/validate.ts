import fs from 'node:fs';
import path from 'node:path';
import factory from '@rdfjs/data-model';
import datasetFactory from '@rdfjs/dataset';
import type { DatasetCore, Quad, Term } from '@rdfjs/types';
import { Parser } from 'n3';
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
