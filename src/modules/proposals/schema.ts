import Type from 'typebox';
import { solutionLicences, type ProposalContent } from '../../db/schema/index.ts';
import { Text, WebAddress } from '../../web/forms.ts';
import type { FieldErrors } from '../../web/forms.ts';

const Link = WebAddress(false);

/**
 * The Hack the Crisis template. Drafts save with any of it missing (lengths still hold); submitting asks for all
 * that `submissionErrors` names.
 */
export const ProposalForm = Type.Object({
  title: Text(120),
  pitch: Text(600),
  problem: Text(4000),
  solution: Text(4000),
  actionPlan: Text(4000),
  videoUrl: Link,
  technical: Text(4000),
  sourceUrl: Link,
  demoUrl: Link,
  datasetIds: Type.Array(Type.String({ format: 'uuid' }), { maxItems: 30 }),
  moreDatasets: Text(3000),
  otherSources: Text(2000),
  licence: Type.Union([Type.Literal(''), Type.Enum(solutionLicences)]),
  contactEmail: Type.Union([Type.Literal(''), Type.String({ format: 'email', maxLength: 254 })]),
  action: Type.Enum(['save', 'submit'] as const),
});

/** "Ett. Två! Tre? Fyra." → 4. Sentences end with . ! or ? followed by space or the end; "t.ex." and "3.5" do not end one. */
export function sentenceCount(text: string): number {
  const cleaned = text.replace(/\b(t\.ex|bl\.a|m\.m|e\.g|i\.e|etc|dvs|osv|ca)\./gi, '$1').replace(/(\d)\.(\d)/g, '$1$2');
  return cleaned.split(/[.!?…]+(?:\s+|$)/).filter((s) => s.trim() !== '').length;
}

/** What submitting asks for on top of a draft: the whole template, a pitch of at most three sentences. */
export function submissionErrors(c: ProposalContent): FieldErrors {
  const errors: FieldErrors = {};
  for (const field of ['title', 'pitch', 'problem', 'solution', 'actionPlan', 'technical', 'videoUrl', 'licence', 'contactEmail'] as const) {
    if (!c[field]) errors[field] ??= { key: 'form.error.required' };
  }
  if (c.pitch && sentenceCount(c.pitch) > 3) errors.pitch = { key: 'proposal.error.pitchSentences', params: { count: sentenceCount(c.pitch) } };
  return errors;
}

export const emptyContent = (): ProposalContent => ({
  title: '',
  pitch: '',
  problem: '',
  solution: '',
  actionPlan: '',
  videoUrl: '',
  technical: '',
  sourceUrl: '',
  demoUrl: '',
  otherSources: '',
  licence: '',
  contactEmail: '',
  datasetIds: [],
});
