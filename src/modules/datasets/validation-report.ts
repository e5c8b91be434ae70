import { DataFactory, Writer } from 'n3';
import type { ValidationGroup, ValidationResultRow, ValidationSummary } from '../../db/schema/index.ts';
import { isMessageKey, translator, type MessageKey, type Translate } from '../../web/i18n.ts';
import { ns } from './harvest/vocab.ts';

/**
 * What a validation result says to a publisher: what is wrong and how to fix it, from messages per constraint, with
 * a more precise one for the properties publishers most often leave out (validation.fix.<constraint>.<property>).
 */
type Rule = Pick<ValidationGroup, 'focusClass' | 'path' | 'constraint' | 'parameter' | 'unchecked'>;

const constraintNames: Record<string, string> = {
  MinCountConstraintComponent: 'minCount',
  MaxCountConstraintComponent: 'maxCount',
  ClassConstraintComponent: 'class',
  NodeKindConstraintComponent: 'nodeKind',
  DatatypeConstraintComponent: 'datatype',
};

export function describeRule(t: Translate, rule: Rule): { problem: string; fix: string } {
  const name = rule.unchecked ? 'unchecked' : (constraintNames[rule.constraint] ?? 'other');
  const params = { cls: rule.focusClass || '?', path: rule.path, parameter: rule.parameter ?? '', constraint: rule.constraint };
  const specific = `validation.fix.${name}.${rule.path.replace(/^.*:/, '')}`;
  const fix: MessageKey = isMessageKey(specific) ? specific : (`validation.fix.${name}` as MessageKey);
  return { problem: t(`validation.${name}` as MessageKey, params), fix: t(fix, params) };
}

/** "Bibliotek i Sverige", or "a distribution of Bibliotek i Sverige", or the IRI when nothing names it. */
export function resultName(t: Translate, row: Pick<ValidationResultRow, 'label' | 'ofDataset' | 'focus'>): string {
  if (!row.label) return row.focus;
  return row.ofDataset ? t('validation.distributionOf', { title: row.label }) : row.label;
}

const SH = 'http://www.w3.org/ns/shacl#';
const DQV = 'http://www.w3.org/ns/dqv#';
const { namedNode, blankNode, literal, quad } = DataFactory;

/**
 * The report as a W3C SHACL validation report in Turtle (sh:ValidationReport with one sh:result each), messages in
 * Swedish and English. Results that could not be checked are sh:Info, so the report conforms when only those remain.
 * The report is also a DQV quality annotation on the harvested document.
 */
export function reportTurtle(summary: ValidationSummary, document: string): Promise<string> {
  const sv = translator('sv');
  const en = translator('en');
  const writer = new Writer({ prefixes: { sh: SH, dqv: DQV, dcterms: ns.dct, rdfs: 'http://www.w3.org/2000/01/rdf-schema#', xsd: ns.xsd } });
  const report = blankNode('report');
  const a = namedNode(ns.rdf + 'type');
  writer.addQuad(quad(report, a, namedNode(SH + 'ValidationReport')));
  writer.addQuad(quad(report, a, namedNode(DQV + 'QualityAnnotation')));
  writer.addQuad(quad(report, namedNode(SH + 'conforms'), literal(String(summary.conforms), namedNode(ns.xsd + 'boolean'))));
  writer.addQuad(quad(report, namedNode('http://www.w3.org/ns/oa#hasTarget'), namedNode(document)));
  writer.addQuad(quad(report, namedNode(DQV + 'inDimension'), namedNode('http://www.w3.org/ns/dqv#Conformance')));
  writer.addQuad(quad(report, namedNode(ns.dct + 'conformsTo'), namedNode('https://docs.dataportal.se/dcat/3.0.1/')));
  (summary.results ?? []).forEach((row, i) => {
    const r = blankNode(`r${i + 1}`);
    writer.addQuad(quad(report, namedNode(SH + 'result'), r));
    writer.addQuad(quad(r, a, namedNode(SH + 'ValidationResult')));
    writer.addQuad(quad(r, namedNode(SH + 'focusNode'), row.focus ? namedNode(row.focus) : blankNode(`focus${i + 1}`)));
    if (row.pathIri) writer.addQuad(quad(r, namedNode(SH + 'resultPath'), namedNode(row.pathIri)));
    writer.addQuad(quad(r, namedNode(SH + 'resultSeverity'), namedNode(SH + (row.unchecked ? 'Info' : row.severity))));
    writer.addQuad(quad(r, namedNode(SH + 'sourceConstraintComponent'), namedNode(SH + row.constraint)));
    if (row.value) writer.addQuad(quad(r, namedNode(SH + 'value'), row.literal ? literal(row.value) : namedNode(row.value)));
    for (const [t, lang] of [
      [sv, 'sv'],
      [en, 'en'],
    ] as const) {
      const { problem, fix } = describeRule(t, row);
      writer.addQuad(quad(r, namedNode(SH + 'resultMessage'), literal(`${resultName(t, row)}: ${problem} ${fix}`, lang)));
    }
    if (row.label) writer.addQuad(quad(r, namedNode('http://www.w3.org/2000/01/rdf-schema#label'), literal(row.label)));
  });
  return new Promise((resolve, reject) => writer.end((err, text) => (err ? reject(err) : resolve(text))));
}

/** The report's rows for CSV, one a result, in the reader's language. */
export function reportRows(t: Translate, summary: ValidationSummary) {
  const header = ['status', 'name', 'focus_node', 'class', 'path', 'value', 'problem', 'fix'];
  const rows = (summary.results ?? []).map((row) => {
    const { problem, fix } = describeRule(t, row);
    return [row.unchecked ? 'not_checked' : row.severity.toLowerCase(), resultName(t, row), row.focus, row.focusClass, row.path, row.value ?? '', problem, fix];
  });
  return { header, rows };
}
