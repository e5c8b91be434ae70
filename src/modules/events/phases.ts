import { phaseKinds, type PhaseKind } from '../../db/schema/index.ts';
import type { PhaseRefusal } from './override.ts';

export interface Phase {
  kind: PhaseKind;
  startsAt: Date;
  endsAt: Date;
}

export type EventTense = 'upcoming' | 'running' | 'past';

/** Phases in the cycle's order (registration, hacking, submission, …), whatever order they were stored in. */
export const inCycleOrder = (phases: Phase[]) => [...phases].sort((a, b) => phaseKinds.indexOf(a.kind) - phaseKinds.indexOf(b.kind));

/** Upcoming until its first phase after registration begins, past once its last phase has ended. */
export function tenseOf(phases: Phase[], now: Date): EventTense {
  const span = eventSpan(phases);
  if (!span) return 'upcoming';
  return now < span.startsAt ? 'upcoming' : now >= span.endsAt ? 'past' : 'running';
}

export const phaseAt = (phases: Phase[], now: Date) => inCycleOrder(phases).find((p) => p.startsAt <= now && now < p.endsAt) ?? null;

/** Registration is open inside the registration phase; an event without one takes no registrations. */
export const registrationOpen = (phases: Phase[], now: Date) => registrationRefusal(phases, now) === null;

/** Why registration is not open now (not yet, over, or never scheduled), or null when it is. */
export function registrationRefusal(phases: Phase[], now: Date): PhaseRefusal | null {
  const phase = phases.find((p) => p.kind === 'registration');
  if (!phase) return { rule: 'registration', key: 'phase.registration.unscheduled' };
  if (now < phase.startsAt) return { rule: 'registration', key: 'phase.registration.notYet', at: phase.startsAt };
  if (now >= phase.endsAt) return { rule: 'registration', key: 'phase.registration.over', at: phase.endsAt };
  return null;
}

/**
 * The event's own dates, as lists show them: from the start of its first phase after registration to the end of its
 * last (follow-up left out, like registration: neither is the event itself). Only registration: its dates.
 */
export function eventSpan(phases: Phase[]): { startsAt: Date; endsAt: Date } | null {
  const own = phases.filter((p) => p.kind !== 'registration' && p.kind !== 'follow_up');
  const relevant = own.length ? own : phases;
  if (!relevant.length) return null;
  return { startsAt: new Date(Math.min(...relevant.map((p) => p.startsAt.getTime()))), endsAt: new Date(Math.max(...relevant.map((p) => p.endsAt.getTime()))) };
}

/** The next moment worth counting down to: the start or end of the current or next phase. */
export function nextMilestone(phases: Phase[], now: Date): { kind: PhaseKind; edge: 'start' | 'end'; at: Date } | null {
  const edges = inCycleOrder(phases).flatMap((p) => [
    { kind: p.kind, edge: 'start' as const, at: p.startsAt },
    { kind: p.kind, edge: 'end' as const, at: p.endsAt },
  ]);
  return edges.filter((e) => e.at > now).sort((a, b) => a.at.getTime() - b.at.getTime())[0] ?? null;
}

/** Whole days, hours and minutes left: a countdown that is text in the page, readable without JavaScript. */
export function timeLeft(until: Date, now: Date) {
  const minutes = Math.max(0, Math.floor((until.getTime() - now.getTime()) / 60_000));
  return { days: Math.floor(minutes / 1440), hours: Math.floor((minutes % 1440) / 60), minutes: minutes % 60 };
}
