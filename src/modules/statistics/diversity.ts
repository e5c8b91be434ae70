import { ageBands, genders, occupations } from '../../db/schema/index.ts';
import { countyChoices } from '../events/diversity.ts';
import type { DiversityQuestion } from './count.ts';
import { protect, type Published, type Sum } from './suppression.ts';

/** Every answer a question can get, so a table lists each (a zero included) and its cells always add up. */
export const answerOptions: Record<DiversityQuestion, readonly string[]> = {
  gender: [...genders, 'unanswered'],
  ageBand: [...ageBands, 'unanswered'],
  county: [...countyChoices, 'unanswered'],
  occupation: [...occupations, 'unanswered'],
  // 'Prefer not to say' is stored as no answer for this yes/no question.
  firstHackathon: ['yes', 'no', 'unanswered'],
};

export interface DiversityTable {
  respondents: Published;
  questions: Record<DiversityQuestion, { answer: string; value: Published }[]>;
}

interface Counted {
  eventId: string;
  question: DiversityQuestion;
  answer: string;
  count: number;
}

/**
 * The diversity tables of every event, every year and the whole, protected together: they add up to one another
 * (events to their year, years to the whole, answers to respondents), so a cell hidden in one table must not be
 * recoverable from another.
 */
/**
 * Per event only the respondents and the first-time answers are published: every further per-event table adds sums
 * that force more cells of the year's tables to be hidden, and a year's tables are what the report is read for.
 */
const perEvent: DiversityQuestion[] = ['firstHackathon'];

export function protectedDiversity(rows: Counted[], eventYears: Map<string, number>) {
  const counts: number[] = [];
  const sums: Sum[] = [];
  const cell = new Map<string, number>();
  const at = (key: string) => {
    let i = cell.get(key);
    if (i === undefined) {
      i = counts.push(0) - 1;
      cell.set(key, i);
    }
    return i;
  };
  const events = [...new Set(rows.map((r) => r.eventId))].filter((e) => eventYears.has(e));
  const years = [...new Set(events.map((e) => eventYears.get(e)!))].sort();
  const units = ['all', ...years.map((y) => `y${y}`), ...events.map((e) => `e${e}`)];
  const questions = Object.keys(answerOptions) as DiversityQuestion[];
  const questionsOf = (u: string) => (u.startsWith('e') ? perEvent : questions);
  for (const u of units) {
    at(`${u}|respondents`);
    for (const q of questionsOf(u)) for (const a of answerOptions[q]) at(`${u}|${q}|${a}`);
  }
  for (const r of rows) {
    if (!eventYears.has(r.eventId)) continue;
    const y = `y${eventYears.get(r.eventId)}`;
    for (const u of [`e${r.eventId}`, y, 'all']) {
      if (!questionsOf(u).includes(r.question)) {
        if (r.question === 'gender') counts[at(`${u}|respondents`)] += r.count;
        continue;
      }
      counts[at(`${u}|${r.question}|${answerOptions[r.question].includes(r.answer) ? r.answer : 'unanswered'}`)] += r.count;
      // Every answer row answers each question once (perhaps blank), so one question's counts are the respondents.
      if (r.question === 'gender') counts[at(`${u}|respondents`)] += r.count;
    }
  }
  // Answers add up to respondents in every table; events add up to their year, years to the whole, cell by cell.
  for (const u of units) for (const q of questionsOf(u)) sums.push({ total: at(`${u}|respondents`), parts: answerOptions[q].map((a) => at(`${u}|${q}|${a}`)) });
  const keysOf = (qs: DiversityQuestion[]) => ['respondents', ...qs.flatMap((q) => answerOptions[q].map((a) => `${q}|${a}`))];
  for (const k of keysOf(perEvent))
    for (const y of years) sums.push({ total: at(`y${y}|${k}`), parts: events.filter((e) => eventYears.get(e) === y).map((e) => at(`e${e}|${k}`)) });
  for (const k of keysOf(questions)) sums.push({ total: at(`all|${k}`), parts: years.map((y) => at(`y${y}|${k}`)) });
  const shown = protect(counts, sums, new Set(units.map((u) => at(`${u}|respondents`))));
  const table = (u: string): DiversityTable => ({
    respondents: shown[at(`${u}|respondents`)],
    questions: Object.fromEntries(
      questions.map((q) => [q, questionsOf(u).includes(q) ? answerOptions[q].map((a) => ({ answer: a, value: shown[at(`${u}|${q}|${a}`)] })) : []]),
    ) as DiversityTable['questions'],
  });
  return {
    all: table('all'),
    years: new Map(years.map((y) => [y, table(`y${y}`)])),
    events: new Map(events.map((e) => [e, table(`e${e}`)])),
    /** For tests: the raw problem as protected. */
    problem: { counts, sums, shown },
  };
}

/** Counts from profiles (several roles a person): they do not add up to anything, so small ones are simply shown as small. */
export const primaryOnly = (count: number): Published => (count > 0 && count < 5 ? 'small' : count);
