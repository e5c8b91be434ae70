import Type from 'typebox';
import { eventKinds, phaseKinds, type EventKind, type PhaseKind } from '../../db/schema/index.ts';
import { Text, type FieldErrors } from '../../web/forms.ts';
import { fromStockholmLocal } from '../../web/time.ts';
import { DiversityFields } from './diversity.ts';
import { kindHasPhase, kindTemplates } from './kinds.ts';

/** Signing up: solo or as a team, with the rules and code of conduct accepted (stored with time and version). */
export const RegistrationForm = Type.Object({
  as: Type.Enum(['solo', 'team'] as const),
  acceptRules: Type.Literal(true),
  ...DiversityFields,
});

const LocalTime = Type.String({ pattern: '^(\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2})?$' });
const Count = (min: number, max: number) => Type.Integer({ minimum: min, maximum: max });

/** Each phase is a pair of start and end fields, e.g. `hackingStart` and `hackingEnd`. */
const phaseFields = Object.fromEntries(
  phaseKinds.flatMap((k) => [
    [`${k}Start`, LocalTime],
    [`${k}End`, LocalTime],
  ]),
) as Record<`${PhaseKind}${'Start' | 'End'}`, typeof LocalTime>;

export const EventForm = Type.Object({
  organisation: Type.String({ maxLength: 36 }),
  kind: Type.Enum(eventKinds),
  titleSv: Text(140, 3),
  titleEn: Text(140),
  descriptionSv: Text(5000),
  descriptionEn: Text(5000),
  online: Type.Boolean(),
  place: Text(200),
  capacity: Type.Optional(Count(1, 100_000)),
  teamMin: Count(1, 20),
  teamMax: Count(1, 20),
  graceMinutes: Count(0, 24 * 60),
  rulesSv: Text(10_000),
  rulesEn: Text(10_000),
  challenges: Type.Array(Type.String({ format: 'uuid' }), { maxItems: 50 }),
  tracks: Text(2000),
  ...phaseFields,
});

export interface PhaseInput {
  kind: PhaseKind;
  startsAt: Date;
  endsAt: Date;
}

/**
 * The phases filled in, each with both ends and the end after the start; an event needs at least one, and only those
 * its kind has (a workshop has no hacking). The kind's template fills in what it knows: a 24-hour sub-competition's
 * hacking ends 24 hours after it starts unless the form says otherwise.
 */
export function phasesFrom(value: Record<string, unknown>, eventKind?: EventKind): { phases: PhaseInput[]; errors: FieldErrors } {
  const phases: PhaseInput[] = [];
  const errors: FieldErrors = {};
  const template = eventKind ? kindTemplates[eventKind] : undefined;
  for (const kind of phaseKinds) {
    const start = String(value[`${kind}Start`] ?? '');
    const end = String(value[`${kind}End`] ?? '');
    if (!start && !end) continue;
    if (eventKind && !kindHasPhase(eventKind, kind)) {
      errors[`${kind}Start`] = { key: 'eventForm.error.phaseNotForKind' };
      continue;
    }
    const startsAt = fromStockholmLocal(start);
    const hours = kind === 'hacking' && !end ? template?.hackingHours : undefined;
    const endsAt = hours && startsAt ? new Date(startsAt.getTime() + hours * 3600_000) : fromStockholmLocal(end);
    if (!startsAt) errors[`${kind}Start`] = { key: start ? 'form.error.invalid' : 'form.error.required' };
    else if (!endsAt) errors[`${kind}End`] = { key: end ? 'form.error.invalid' : 'form.error.required' };
    else if (endsAt <= startsAt) errors[`${kind}End`] = { key: 'eventForm.error.endBeforeStart' };
    else phases.push({ kind, startsAt, endsAt });
  }
  if (!phases.length && !Object.keys(errors).length) errors.registrationStart = { key: 'eventForm.error.noPhases' };
  return { phases, errors };
}

/** "Konceptlösning | Concept solution" per line → tracks in order. */
export function tracksFrom(text: string): { nameSv: string; nameEn: string }[] {
  return text
    .split('\n')
    .map((line) => line.split('|').map((s) => s.trim()))
    .filter(([sv]) => sv)
    .slice(0, 10)
    .map(([sv, en = '']) => ({ nameSv: sv.slice(0, 100), nameEn: en.slice(0, 100) }));
}

export const AnnouncementForm = Type.Object({ subject: Text(150, 3), body: Text(5000, 3) });
