import Type from 'typebox';
import { procurementRoutes, realisationStages } from '../../db/schema/index.ts';

const Nullable = <T extends Type.TSchema>(schema: T) => Type.Union([schema, Type.Null()]);
const Texts = Type.Object({ sv: Type.String(), en: Type.String() });

/** Query string of GET /api/v1/solutions: the gallery's filters. Unknown filter values are ignored, as in the gallery. */
export const SolutionQuery = Type.Object({
  q: Type.Optional(Type.String({ maxLength: 200, description: 'Words in the title or pitch (Swedish full-text search)' })),
  theme: Type.Optional(Type.String({ maxLength: 20, description: 'An EU data theme code of the challenge, e.g. TRAN' })),
  challenge: Type.Optional(Type.String({ maxLength: 36, description: 'A challenge id' })),
  dataset: Type.Optional(Type.String({ maxLength: 36, description: 'A dataset id (solutions that use it)' })),
  stage: Type.Optional(Type.String({ maxLength: 20, description: `Where the realisation stands: ${realisationStages.join(', ')}` })),
  award: Type.Optional(Type.String({ maxLength: 20, description: "'yes' for awarded solutions, 'finalist' for finalists (of published results)" })),
  event: Type.Optional(Type.String({ maxLength: 100, description: "An event's slug" })),
  year: Type.Optional(Type.Integer({ minimum: 2000, maximum: 2100, description: 'The year of the event' })),
  page: Type.Optional(Type.Integer({ minimum: 1, maximum: 10_000 })),
  pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 100 })),
  lang: Type.Optional(Type.String({ maxLength: 5 })),
});

const NeedOwner = Type.Object({
  slug: Type.String(),
  name: Type.String(),
  via: Type.String({ description: "'challenge' (posted it), 'adoption' (adopted the challenge) or 'interest' (took the solution forward)" }),
  url: Type.String(),
});
const Award = Type.Object({ name: Type.String(), amountSek: Nullable(Type.Integer()), sponsor: Type.String() });

export const SolutionSummary = Type.Object({
  id: Type.String({ format: 'uuid' }),
  title: Type.String(),
  pitch: Type.String(),
  team: Type.String(),
  event: Type.Object({ slug: Type.String(), title: Texts, year: Type.Integer() }),
  challenge: Nullable(Type.Object({ slug: Type.String(), title: Texts })),
  stage: Type.String({ description: `One of ${realisationStages.join(', ')}` }),
  confirmed: Type.Boolean({ description: 'False while the stage is only the team’s word, not yet confirmed by a need owner' }),
  stageSince: Nullable(Type.String({ format: 'date-time' })),
  finalist: Type.Boolean(),
  awards: Type.Array(Award),
  needOwners: Type.Array(NeedOwner),
  url: Type.String(),
});

export const SolutionList = Type.Object({ items: Type.Array(SolutionSummary), total: Type.Integer(), page: Type.Integer(), pageSize: Type.Integer() });

const Update = Type.Object({
  id: Type.String({ format: 'uuid' }),
  date: Type.String({ format: 'date-time' }),
  by: Type.Object({ kind: Type.Union([Type.Literal('team'), Type.Literal('organisation')]), name: Type.String(), slug: Nullable(Type.String()) }),
  stage: Nullable(Type.String({ description: 'The stage this update set; null for news' })),
  text: Texts,
  links: Type.Array(Type.String()),
  evidence: Nullable(Type.Object({ kind: Type.String(), url: Type.String() })),
  route: Nullable(Type.String({ description: `For pilots and procurements: ${procurementRoutes.join(', ')}` })),
  reference: Type.String({ description: 'E.g. the procurement notice number' }),
  reason: Type.String({ description: 'Why it was paused or stopped' }),
  confirmed: Nullable(Type.Boolean({ description: 'For a stage: written or confirmed by a need owner; null for news' })),
  confirmedBy: Nullable(Type.String()),
  confirmedAt: Nullable(Type.String({ format: 'date-time' })),
});

export const SolutionDetail = Type.Object({
  ...SolutionSummary.properties,
  datasets: Type.Array(Type.Object({ id: Type.String(), title: Texts, url: Type.String() })),
  timeline: Type.Array(Update),
});
