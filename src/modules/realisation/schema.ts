import Type from 'typebox';
import { evidenceKinds, procurementRoutes, realisationStages, type RealisationStage } from '../../db/schema/index.ts';
import { Text, WebAddress, type FieldErrors } from '../../web/forms.ts';
import { stageNeedsReason, stageTakesRoute } from './rules.ts';

const Choice = <T extends readonly string[]>(values: T) => Type.Union([Type.Literal(''), Type.Enum(values)]);

/**
 * An update as the team or a need owner writes it. `stage` empty means news without a change of stage; `as` names
 * who writes it: 'team', or the id of one of the solution's need owners the writer belongs to.
 */
export const UpdateForm = Type.Object({
  as: Text(36, 1),
  stage: Choice(realisationStages),
  textSv: Text(2000),
  textEn: Text(2000),
  links: Text(2000),
  evidenceKind: Choice(evidenceKinds),
  evidenceUrl: WebAddress(false),
  route: Choice(procurementRoutes),
  reference: Text(200),
  reason: Text(1000),
});

export interface UpdateInput {
  stage: RealisationStage | null;
  textSv: string;
  textEn: string;
  links: string[];
  evidenceKind: (typeof evidenceKinds)[number] | null;
  evidenceUrl: string;
  route: (typeof procurementRoutes)[number] | null;
  reference: string;
  reason: string;
}

const URL_LINE = /^https?:\/\/\S+$/;
export const MAX_LINKS = 10;

/** The rules a schema cannot say: some text, links one per line, a route for pilots and procurements, a reason to stop. */
export function updateInput(v: {
  stage: string;
  textSv: string;
  textEn: string;
  links: string;
  evidenceKind: string;
  evidenceUrl: string;
  route: string;
  reference: string;
  reason: string;
}): { input: UpdateInput; errors: FieldErrors } {
  const errors: FieldErrors = {};
  const stage = (v.stage || null) as RealisationStage | null;
  if (!v.textSv && !v.textEn) errors.textSv = { key: 'realisation.error.text' };
  const links = v.links
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean);
  if (links.some((l) => !URL_LINE.test(l))) errors.links = { key: 'realisation.error.links' };
  else if (links.length > MAX_LINKS) errors.links = { key: 'form.error.tooMany', params: { max: MAX_LINKS } };
  if (v.evidenceUrl && !v.evidenceKind) errors.evidenceKind = { key: 'realisation.error.evidenceKind' };
  if (v.evidenceKind && !v.evidenceUrl) errors.evidenceUrl = { key: 'form.error.required' };
  if (stageTakesRoute(stage) && !v.route) errors.route = { key: 'realisation.error.route' };
  if (stageNeedsReason(stage) && !v.reason) errors.reason = { key: 'realisation.error.reason' };
  return {
    errors,
    input: {
      stage,
      textSv: v.textSv,
      textEn: v.textEn,
      links,
      evidenceKind: (v.evidenceKind || null) as UpdateInput['evidenceKind'],
      evidenceUrl: v.evidenceUrl,
      // A route and a reference belong to pilots and procurements; a reason to pausing and stopping.
      route: stageTakesRoute(stage) ? (v.route as UpdateInput['route']) : null,
      reference: stageTakesRoute(stage) ? v.reference : '',
      reason: stageNeedsReason(stage) ? v.reason : '',
    },
  };
}
