import Type from 'typebox';

const text = Type.String({ maxLength: 20_000 });

/** The organiser's texts of an annual report: each optional, in Swedish and English side by side. */
export const ReportTextsForm = Type.Object({
  summarySv: text,
  summaryEn: text,
  lessonsSv: text,
  lessonsEn: text,
  nextYearSv: text,
  nextYearEn: text,
});

/** A year in an address: four digits from 2000 on; anything else is not a page. */
export const readYear = (value: string): number | null => (/^20\d\d$/.test(value) ? Number(value) : null);

/** One stored figure for machines: the number, or null with why (a suppressed diversity cell). */
const Row = Type.Object({
  key: Type.String(),
  value: Type.Union([Type.Integer(), Type.Null()]),
  note: Type.String({ description: "'fewer_than_5', 'suppressed' or empty" }),
  url: Type.Union([Type.String(), Type.Null()]),
  share: Type.Optional(
    Type.Union([Type.Number(), Type.Null()], { description: 'Per cent of the respondents (diversity) or participants (roles), where both are shown' }),
  ),
});

export const StatisticsQuery = Type.Object({
  year: Type.Optional(Type.Integer({ minimum: 2000, maximum: 2100, description: 'A year; without it, all years' })),
});

export const StatisticsResponse = Type.Object({
  scope: Type.String({ description: "'all' or the year" }),
  year: Type.Union([Type.Integer(), Type.Null()]),
  computedAt: Type.String({ format: 'date-time' }),
  years: Type.Array(Type.Integer(), { description: 'The years that have figures' }),
  tables: Type.Array(Type.Object({ id: Type.String(), rows: Type.Array(Row) })),
});
