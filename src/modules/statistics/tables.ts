import { funnelSteps } from '../realisation/funnel.ts';
import { eventKinds } from '../../db/schema/index.ts';
import { diversityQuestions } from './count.ts';
import type { Figures } from './figures.ts';
import type { Published } from './suppression.ts';

/**
 * Every figure as a named table of rows: what the pages draw and tabulate, what the CSV and JSON downloads carry and
 * what the open data lists, from one place. `previous` is the year before's figure (in the annual report); `href`
 * is the public page that lists what the figure counts.
 */
export interface StatRow {
  key: string;
  value: Published;
  previous?: Published;
  href?: string;
  /** Per cent of the respondents (diversity) or of the participants (roles), where both are shown. */
  share?: number | null;
}
export interface StatTable {
  id: string;
  rows: StatRow[];
}

export const tableIds = [
  'totals',
  'byYear',
  'eventsByKind',
  'challengesByStatus',
  'challengesByTheme',
  'needOwnersByType',
  'dataUse',
  'datasetsUsedByPublisher',
  'datasetsCitedByPublisher',
  'datasetsUsedByTheme',
  'datasetsCitedByTheme',
  'funnel',
  ...diversityQuestions.map((q) => `diversity.${q}` as const),
  'roles',
] as const;
export type TableId = (typeof tableIds)[number];

const q = (params: Record<string, string | number | null>) => {
  const s = new URLSearchParams(Object.entries(params).filter(([, v]) => v !== null && v !== '') as [string, string][]).toString();
  return s ? `?${s}` : '';
};

/** The tables of one scope, with the previous year's figure beside each where given. */
export function tablesOf(f: Figures, previous: Figures | null = null): StatTable[] {
  const y = f.year;
  const list = <T>(rows: T[], key: (r: T) => string, value: (r: T) => Published, href?: (r: T) => string) =>
    rows.map((r) => ({ key: key(r), value: value(r), href: href?.(r) }));
  const tables: StatTable[] = [
    {
      id: 'totals',
      rows: [
        { key: 'participants', value: f.totals.participants },
        { key: 'registrations', value: f.totals.registrations },
        { key: 'teams', value: f.totals.teams },
        { key: 'submitted', value: f.totals.submitted },
        { key: 'published', value: f.totals.published, href: `/solutions${q({ year: y })}` },
        { key: 'events', value: f.totals.events, href: '/events' },
        { key: 'mentoringSessions', value: f.totals.mentoringSessions },
      ],
    },
    { id: 'byYear', rows: y === null ? f.byYear.map((l) => ({ key: String(l.year), value: l.participants, href: `/statistics/${l.year}` })) : [] },
    { id: 'eventsByKind', rows: eventKinds.map((k) => ({ key: k, value: f.eventsByKind[k], href: '/events' })) },
    { id: 'challengesByStatus', rows: Object.entries(f.challengesByStatus).map(([s, n]) => ({ key: s, value: n, href: `/challenges${q({ status: s })}` })) },
    {
      id: 'challengesByTheme',
      rows: list(
        f.challengesByTheme,
        (r) => r.theme,
        (r) => r.count,
        (r) => `/challenges${q({ theme: r.theme, status: 'all' })}`,
      ),
    },
    {
      id: 'needOwnersByType',
      rows: list(
        f.needOwners,
        (r) => r.type,
        (r) => r.count,
        (r) => `/challenges${q({ orgType: r.type, status: 'all' })}`,
      ),
    },
    {
      id: 'dataUse',
      rows: [
        { key: 'cited', value: f.datasets.cited },
        { key: 'used', value: f.datasets.used },
        { key: 'issuesReceived', value: f.dataIssues.received },
        { key: 'issuesAnswered', value: f.dataIssues.answered },
        { key: 'requestsReceived', value: f.dataRequests.received },
        { key: 'requestsAnswered', value: f.dataRequests.answered },
      ],
    },
    ...(['used', 'cited'] as const).flatMap((how) => [
      {
        id: `datasets${how === 'used' ? 'Used' : 'Cited'}ByPublisher`,
        rows: list(
          f.datasets.byPublisher.filter((r) => r[how] > 0),
          (r) => r.key,
          (r) => r[how],
          (r) => `/datasets${q({ publisher: r.key })}`,
        ),
      },
      {
        id: `datasets${how === 'used' ? 'Used' : 'Cited'}ByTheme`,
        rows: list(
          f.datasets.byTheme.filter((r) => r[how] > 0),
          (r) => r.key,
          (r) => r[how],
          (r) => `/datasets${q({ theme: r.key })}`,
        ),
      },
    ]),
    { id: 'funnel', rows: funnelSteps.map((s) => ({ key: s, value: f.funnel.counts[s], href: `/realised${q({ year: y })}` })) },
    ...diversityQuestions.map((question) => ({
      id: `diversity.${question}`,
      rows: [
        { key: 'respondents', value: f.diversity.respondents },
        ...f.diversity.questions[question].map((a) => ({ key: a.answer, value: a.value, share: shareOf(a.value, f.diversity.respondents) })),
      ],
    })),
    { id: 'roles', rows: f.roles.map((r) => ({ key: r.role, value: r.value, share: shareOf(r.value, f.totals.participants) })) },
  ];
  if (!previous) return tables;
  const before = new Map(tablesOf(previous).map((t) => [t.id, new Map(t.rows.map((r) => [r.key, r.value]))]));
  return tables.map((t) => ({ ...t, rows: t.rows.map((r) => ({ ...r, previous: before.get(t.id)?.get(r.key) ?? 0 })) }));
}

/** A share in per cent with one decimal, only where the part and the whole are both shown. */
const shareOf = (part: Published, whole: Published) =>
  typeof part === 'number' && typeof whole === 'number' && whole > 0 ? Math.round((part / whole) * 1000) / 10 : null;

/** A figure as a number for machines, with why it is missing: 'fewer_than_5' or 'suppressed'. */
export const machineValue = (v: Published | undefined) =>
  typeof v === 'number' ? { value: v, note: '' } : { value: null, note: v === 'small' ? 'fewer_than_5' : v === 'hidden' ? 'suppressed' : '' };
