import type { Phase } from '../events/phases.ts';

/**
 * When submitting closes: the end of the submission phase (or, for an event without one, of hacking), plus the grace
 * period the organiser sets. Null when the event has neither phase: then nothing closes it.
 */
export function submissionDeadline(phases: Phase[], graceMinutes: number): { deadline: Date; closesAt: Date } | null {
  const phase = phases.find((p) => p.kind === 'submission') ?? phases.find((p) => p.kind === 'hacking');
  if (!phase) return null;
  return { deadline: phase.endsAt, closesAt: new Date(phase.endsAt.getTime() + graceMinutes * 60_000) };
}

export const submissionOpen = (phases: Phase[], graceMinutes: number, now: Date) => {
  const d = submissionDeadline(phases, graceMinutes);
  return d === null || now <= d.closesAt;
};

/** Dataset ids pasted as links to their pages here (or as bare ids), one or many per line. */
export const datasetIdsIn = (text: string) => [...new Set(text.match(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi) ?? [])].map((id) => id.toLowerCase());
