import Type from 'typebox';
import { procurementRoutes, realisationStages, type RealisationStage } from '../../db/schema/index.ts';
import { Text, type FieldErrors } from '../../web/forms.ts';
import { languages } from '../../web/i18n.ts';
import { stageNeedsReason } from './rules.ts';
import { updateInput, type UpdateInput } from './schema.ts';

export const NEWS_MAX = 300;

/**
 * The short answer to a check-in: the stage now, one line of news in the writer's language, and, when the solution
 * moves to a pilot or a procurement, how it is done. "No change" needs no form at all (one button).
 */
export const CheckInForm = Type.Object({
  stage: Type.Enum(realisationStages),
  news: Text(NEWS_MAX, 1),
  lang: Type.Enum(languages),
  route: Type.Union([Type.Literal(''), Type.Enum(procurementRoutes)]),
  reference: Text(200),
});

/**
 * The update an answer makes, by the same rules as the full update form. Keeping the current stage is news only:
 * naming the stage again would turn a need owner's confirmation back into the team's claim. For pausing or
 * stopping, the line of news is the reason.
 */
export function checkInInput(
  v: { stage: RealisationStage; news: string; lang: 'sv' | 'en'; route: string; reference: string },
  current: string,
): { input: UpdateInput; errors: FieldErrors } {
  const stage = v.stage === current ? '' : v.stage;
  const { input, errors } = updateInput({
    stage,
    textSv: v.lang === 'sv' ? v.news : '',
    textEn: v.lang === 'en' ? v.news : '',
    links: '',
    evidenceKind: '',
    evidenceUrl: '',
    route: v.route,
    reference: v.reference,
    reason: stageNeedsReason(stage || null) ? v.news : '',
  });
  const mapped: FieldErrors = {};
  if (errors.textSv || errors.reason) mapped.news = errors.textSv ?? errors.reason;
  if (errors.route) mapped.route = errors.route;
  return { input, errors: mapped };
}
