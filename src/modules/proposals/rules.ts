import type { Phase } from '../events/phases.ts';
import type { PhaseRefusal } from '../events/override.ts';

export interface SubmissionWindow {
  opensAt: Date;
  deadline: Date;
  /** The deadline plus the organiser's grace minutes: the last moment the server accepts. */
  closesAt: Date;
}

/**
 * When proposals may be saved and submitted: from the start of hacking (or of the submission phase, for an event
 * without hacking) to the end of the submission phase (or of hacking) plus the grace period the organiser sets.
 * Null when the event has neither phase: then it takes no proposals at all.
 */
export function submissionWindow(phases: Phase[], graceMinutes: number): SubmissionWindow | null {
  const hacking = phases.find((p) => p.kind === 'hacking');
  const submission = phases.find((p) => p.kind === 'submission');
  const opening = hacking ?? submission;
  const closing = submission ?? hacking;
  if (!opening || !closing) return null;
  return { opensAt: opening.startsAt, deadline: closing.endsAt, closesAt: new Date(closing.endsAt.getTime() + graceMinutes * 60_000) };
}

/** Why proposals cannot be saved or submitted now, or null when they can. */
export function proposalRefusal(phases: Phase[], graceMinutes: number, now: Date): PhaseRefusal | null {
  const w = submissionWindow(phases, graceMinutes);
  if (!w) return { rule: 'proposal', key: 'phase.proposal.unscheduled' };
  if (now < w.opensAt) return { rule: 'proposal', key: 'phase.proposal.notYet', at: w.opensAt };
  if (now > w.closesAt) return { rule: 'proposal', key: 'phase.proposal.over', at: w.closesAt };
  return null;
}

/** The gallery may be published once submitting has closed for good (deadline plus grace); null when it may. */
export function galleryRefusal(phases: Phase[], graceMinutes: number, now: Date): PhaseRefusal | null {
  const w = submissionWindow(phases, graceMinutes);
  if (!w) return { rule: 'gallery', key: 'phase.gallery.unscheduled' };
  if (now <= w.closesAt) return { rule: 'gallery', key: 'phase.gallery.notYet', at: w.closesAt };
  return null;
}

/** Dataset ids pasted as links to their pages here (or as bare ids), one or many per line. */
export const datasetIdsIn = (text: string) =>
  [...new Set(text.match(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi) ?? [])].map((id) => id.toLowerCase());
