import { eq } from 'drizzle-orm';
import type { Ctx } from '../../context.ts';
import { challenges, eventChallenges, eventPhases, events, type EventKind, type PhaseKind } from '../schema/index.ts';

const day = 24 * 3600 * 1000;

interface DemoEvent {
  slug: string;
  kind: EventKind;
  titleSv: string;
  titleEn: string;
  descriptionSv: string;
  capacity: number | null;
  online: boolean;
  place?: string;
  /** Days from now when the hacking starts; the other phases follow from it. */
  hackingIn: number;
}

// One event in each state a newcomer should see: opening soon, open for registration, running, judging, finished
// (and a workshop on open data ahead).
const demoEvents: DemoEvent[] = [
  {
    slug: 'hack-for-sweden-365-final',
    kind: 'final',
    titleSv: 'Hack for Sweden 365: final',
    titleEn: 'Hack for Sweden 365: final',
    descriptionSv: 'Finalisterna från årets delutmaningar pitchar sina lösningar för juryn (tre minuter, NABC).',
    capacity: 150,
    online: false,
    place: 'Stockholm',
    hackingIn: 40,
  },
  {
    slug: 'sodertalje-24h-mobilitet',
    kind: 'sub_competition',
    titleSv: 'Södertälje 24h: hållbar mobilitet',
    titleEn: 'Södertälje 24h: sustainable mobility',
    descriptionSv: '24 timmar på Södertälje kommuns utmaning om cykelparkering och mobilitet, med kommunens öppna data.',
    capacity: 60,
    online: true,
    hackingIn: 6,
  },
  {
    slug: 'hack-the-crisis-sweden',
    kind: 'hackathon',
    titleSv: 'Hack the Crisis Sweden',
    titleEn: 'Hack the Crisis Sweden',
    descriptionSv: 'Ett helt digitalt hackathon under 72 timmar om samhällets utmaningar i en kris.',
    capacity: null,
    online: true,
    hackingIn: -1,
  },
  {
    slug: 'skogsstyrelsen-24h-skogsskador',
    kind: 'sub_competition',
    titleSv: 'Skogsstyrelsen 24h: skogsskador',
    titleEn: 'Swedish Forest Agency 24h: forest damage',
    descriptionSv: '24 timmar om att upptäcka skador på skog i tid, med satellitdata och öppna data om skog. Juryn bedömer nu bidragen.',
    capacity: 80,
    online: true,
    hackingIn: -4,
  },
  {
    slug: 'oppna-data-workshop',
    kind: 'workshop',
    titleSv: 'Workshop: kom igång med öppna data',
    titleEn: 'Workshop: getting started with open data',
    descriptionSv: 'Hitta, förstå och använda datamängder från Sveriges dataportal.',
    capacity: 40,
    online: true,
    hackingIn: 12,
  },
  {
    slug: 'hack-for-sweden-2025',
    kind: 'hackathon',
    titleSv: 'Hack for Sweden 2025',
    titleEn: 'Hack for Sweden 2025',
    descriptionSv: 'Förra årets hackathon med ett trettiotal myndigheter som behovsägare.',
    capacity: 300,
    online: false,
    place: 'Stockholm',
    hackingIn: -300,
  },
];

/** Phases as the kind has them (events/kinds.ts): a workshop is registration and a session; a sub-competition hacks 24 hours. */
function phasesFor(kind: EventKind, hackingIn: number, now: number): [PhaseKind, number, number][] {
  const h = now + hackingIn * day;
  if (kind === 'workshop' || kind === 'webinar') {
    return [
      ['registration', h - 30 * day, h - 0.5 * day],
      ['session', h, h + 3 * 3600_000],
    ];
  }
  if (kind === 'sub_competition') {
    return [
      ['registration', h - 30 * day, h - 0.5 * day],
      ['hacking', h, h + 1 * day],
      ['submission', h + 0.75 * day, h + 1 * day],
      ['judging', h + 1 * day, h + 10 * day],
      ['results', h + 10 * day, h + 11 * day],
      ['follow_up', h + 11 * day, h + 180 * day],
    ];
  }
  return [
    ['registration', h - 30 * day, h - 0.5 * day],
    ['hacking', h, h + 2 * day],
    ['submission', h + 2 * day, h + 3 * day],
    ['judging', h + 3 * day, h + 10 * day],
    ['results', h + 10 * day, h + 11 * day],
    ['follow_up', h + 11 * day, h + 180 * day],
  ];
}

/** Demo events in every phase, the Södertälje one covering that municipality's published challenges. */
export async function seedDemoEvents(ctx: Ctx, sodertaljeId: string) {
  const now = Date.now();
  for (const e of demoEvents) {
    const { hackingIn, ...values } = e;
    const [event] = await ctx.db
      .insert(events)
      .values({
        ...values,
        descriptionEn: '',
        place: e.place ?? '',
        status: 'published',
        organisationId: e.slug.startsWith('sodertalje') ? sodertaljeId : null,
      })
      .returning({ id: events.id });
    await ctx.db
      .insert(eventPhases)
      .values(phasesFor(e.kind, hackingIn, now).map(([kind, from, to]) => ({ eventId: event.id, kind, startsAt: new Date(from), endsAt: new Date(to) })));
    if (e.slug.startsWith('sodertalje')) {
      const covered = await ctx.db.select({ id: challenges.id }).from(challenges).where(eq(challenges.organisationId, sodertaljeId));
      if (covered.length) await ctx.db.insert(eventChallenges).values(covered.map((c) => ({ eventId: event.id, challengeId: c.id })));
    }
  }
}
