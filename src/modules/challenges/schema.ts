import Type from 'typebox';
import { challengeRequirements, challengeStatuses, organisationTypes } from '../../db/schema/index.ts';
import { themeCodes } from './themes.ts';
import { Day, Text } from '../../web/forms.ts';

/** The challenge form: Swedish texts required, English optional; the same fields make up the API's view of one. */
export const ChallengeForm = Type.Object({
  organisation: Type.String({ minLength: 1, maxLength: 100 }),
  titleSv: Text(160, 3),
  titleEn: Text(160),
  summarySv: Text(600, 10),
  summaryEn: Text(600),
  problemSv: Text(8000, 10),
  problemEn: Text(8000),
  outcomeSv: Text(4000, 10),
  outcomeEn: Text(4000),
  targetGroupSv: Text(2000),
  targetGroupEn: Text(2000),
  prizeSv: Text(2000),
  prizeEn: Text(2000),
  eligibilitySv: Text(2000),
  eligibilityEn: Text(2000),
  themes: Type.Array(Type.Enum(themeCodes), { minItems: 1, maxItems: themeCodes.length }),
  keywords: Text(500),
  requirements: Type.Array(Type.Enum(challengeRequirements), { maxItems: challengeRequirements.length }),
  contactName: Text(120, 2),
  contactEmail: Type.String({ format: 'email', maxLength: 254 }),
  startsOn: Day,
  endsOn: Day,
  yearRound: Type.Enum(['yes', 'no'] as const),
});

export const StatusForm = Type.Object({ status: Type.Enum(challengeStatuses) });

export const sorts = ['relevance', 'newest', 'closing'] as const;
export type Sort = (typeof sorts)[number];
export const PAGE_SIZE = 20;

/** Query string of /challenges and /api/v1/challenges. Unknown values are ignored rather than refused. */
export const ChallengeQuery = Type.Object({
  q: Type.Optional(Type.String({ maxLength: 200 })),
  theme: Type.Optional(Type.String({ maxLength: 20 })),
  organisation: Type.Optional(Type.String({ maxLength: 100 })),
  orgType: Type.Optional(Type.String({ maxLength: 20 })),
  status: Type.Optional(Type.String({ maxLength: 20 })),
  mode: Type.Optional(Type.String({ maxLength: 20 })),
  sort: Type.Optional(Type.String({ maxLength: 20 })),
  page: Type.Optional(Type.Integer({ minimum: 1, maximum: 10_000 })),
  lang: Type.Optional(Type.String({ maxLength: 5 })),
});

/** A challenge written through the API: the form's fields, as JSON (`themes` and `requirements` as arrays). */
export const ChallengeApiBody = Type.Object(
  {
    organisation: Type.Optional(Type.String({ maxLength: 100, description: "Slug of the organisation; a token's own by default" })),
    titleSv: Type.String({ maxLength: 160 }),
    titleEn: Type.Optional(Type.String({ maxLength: 160 })),
    summarySv: Type.String({ maxLength: 600 }),
    summaryEn: Type.Optional(Type.String({ maxLength: 600 })),
    problemSv: Type.String({ maxLength: 10_000 }),
    problemEn: Type.Optional(Type.String({ maxLength: 10_000 })),
    outcomeSv: Type.String({ maxLength: 10_000 }),
    outcomeEn: Type.Optional(Type.String({ maxLength: 10_000 })),
    themes: Type.Array(Type.String({ maxLength: 10 }), { maxItems: 20 }),
    keywords: Type.Optional(Type.String({ maxLength: 500 })),
    requirements: Type.Optional(Type.Array(Type.String({ maxLength: 40 }), { maxItems: 20 })),
    contactName: Type.String({ maxLength: 120 }),
    contactEmail: Type.String({ maxLength: 254 }),
    yearRound: Type.Optional(Type.Enum(['yes', 'no'] as const)),
    startsOn: Type.Optional(Type.String({ maxLength: 10 })),
    endsOn: Type.Optional(Type.String({ maxLength: 10 })),
  },
  { additionalProperties: false },
);

/** The API's query: the same filters, but a value it does not know is refused (422) with the values it takes. */
export const MAX_PAGE_SIZE = 100;
export const ChallengeApiQuery = Type.Object({
  q: Type.Optional(Type.String({ maxLength: 200 })),
  theme: Type.Optional(Type.Enum(themeCodes as string[])),
  organisation: Type.Optional(Type.String({ maxLength: 100 })),
  orgType: Type.Optional(Type.Enum(organisationTypes)),
  status: Type.Optional(Type.Enum(['published', 'closed', 'archived', 'all'] as const)),
  mode: Type.Optional(Type.Enum(['year_round', 'event'] as const)),
  sort: Type.Optional(Type.Enum(sorts)),
  page: Type.Optional(Type.Integer({ minimum: 1, maximum: 10_000 })),
  pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: MAX_PAGE_SIZE, default: PAGE_SIZE })),
});

export const ChallengeSummary = Type.Object({
  slug: Type.String(),
  title: Type.Object({ sv: Type.String(), en: Type.String() }),
  summary: Type.Object({ sv: Type.String(), en: Type.String() }),
  organisation: Type.Object({ slug: Type.String(), name: Type.String(), type: Type.String() }),
  themes: Type.Array(Type.String()),
  status: Type.String(),
  yearRound: Type.Boolean(),
  endsOn: Type.Union([Type.String(), Type.Null()]),
  publishedAt: Type.Union([Type.String(), Type.Null()]),
  url: Type.String(),
});

export const ChallengeList = Type.Object({ items: Type.Array(ChallengeSummary), total: Type.Integer(), page: Type.Integer(), pageSize: Type.Integer() });
