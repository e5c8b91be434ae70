import type { EventKind, PhaseKind } from '../../db/schema/index.ts';

/** The parts of an event beyond registration; an event's kind decides which it has. */
export type EventPart = 'teams' | 'proposals' | 'gallery' | 'judging' | 'mentoring';

interface KindTemplate {
  parts: readonly EventPart[];
  phases: readonly PhaseKind[];
  /** Hours the hacking lasts when the form leaves its end empty (a 24-hour sub-competition). */
  hackingHours?: number;
}

const competition: KindTemplate = {
  parts: ['teams', 'proposals', 'gallery', 'judging', 'mentoring'],
  phases: ['registration', 'hacking', 'submission', 'judging', 'final', 'results', 'follow_up'],
};
/** A workshop or webinar is registration and attendance: no teams, proposals, gallery or judging. */
const session: KindTemplate = { parts: [], phases: ['registration', 'session'] };

export const kindTemplates: Record<EventKind, KindTemplate> = {
  hackathon: competition,
  sub_competition: { ...competition, hackingHours: 24 },
  final: competition,
  workshop: session,
  webinar: session,
};

export const eventHas = (kind: EventKind, part: EventPart) => kindTemplates[kind].parts.includes(part);
export const kindHasPhase = (kind: EventKind, phase: PhaseKind) => kindTemplates[kind].phases.includes(phase);
