import { sql, type SQL } from 'drizzle-orm';
import { boolean, customType, date, index, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { organisations } from './organisations.ts';
import { textList } from './columns.ts';

export const challengeStatuses = ['draft', 'published', 'closed', 'archived'] as const;
export type ChallengeStatus = (typeof challengeStatuses)[number];
export const challengeRequirements = ['open_source', 'gdpr', 'accessibility', 'open_data', 'swedish_hosting'] as const;

const tsvector = customType<{ data: string }>({ dataType: () => 'tsvector' });

// Texts kept side by side: Swedish is required, English optional and shown to English readers when present.
const bilingual = (name: string) => ({
  sv: text(`${name}_sv`).notNull().default(''),
  en: text(`${name}_en`).notNull().default(''),
});

export const challenges = pgTable(
  'challenges',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    slug: text('slug').notNull().unique(),
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id, { onDelete: 'restrict' }),
    titleSv: bilingual('title').sv,
    titleEn: bilingual('title').en,
    summarySv: bilingual('summary').sv,
    summaryEn: bilingual('summary').en,
    problemSv: bilingual('problem').sv,
    problemEn: bilingual('problem').en,
    outcomeSv: bilingual('outcome').sv,
    outcomeEn: bilingual('outcome').en,
    targetGroupSv: bilingual('target_group').sv,
    targetGroupEn: bilingual('target_group').en,
    prizeSv: bilingual('prize').sv,
    prizeEn: bilingual('prize').en,
    eligibilitySv: bilingual('eligibility').sv,
    eligibilityEn: bilingual('eligibility').en,
    themes: textList('themes'),
    keywords: textList('keywords'),
    requirements: textList('requirements'),
    contactName: text('contact_name').notNull().default(''),
    contactEmail: text('contact_email').notNull().default(''),
    startsOn: date('starts_on'),
    endsOn: date('ends_on'),
    yearRound: boolean('year_round').notNull().default(true),
    status: text('status', { enum: challengeStatuses }).notNull().default('draft'),
    publishedAt: timestamp('published_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    // Swedish stemming over the weighted texts (title A, summary and keywords B, the rest C).
    searchVector: tsvector('search_vector').generatedAlwaysAs(
      (): SQL => sql`setweight(to_tsvector('swedish', title_sv || ' ' || title_en), 'A')
        || setweight(to_tsvector('swedish', summary_sv || ' ' || summary_en || ' ' || hack365_join_words(keywords)), 'B')
        || setweight(to_tsvector('swedish', problem_sv || ' ' || outcome_sv || ' ' || target_group_sv || ' ' || problem_en || ' ' || outcome_en), 'C')`,
    ),
    // Lower-cased titles and keywords: the source of the search vocabulary (search_words, kept by a trigger).
    searchText: text('search_text').generatedAlwaysAs((): SQL => sql`lower(title_sv || ' ' || title_en || ' ' || hack365_join_words(keywords))`),
  },
  (t) => [
    index('challenges_search_vector_idx').using('gin', t.searchVector),
    index('challenges_themes_idx').using('gin', t.themes),
    index('challenges_status_published_idx').on(t.status, t.publishedAt.desc(), t.id.desc()),
    // For lists across statuses (status=all): the order comes off the index, status is checked in it.
    index('challenges_published_status_idx').on(t.publishedAt.desc(), t.id.desc(), t.status),
    index('challenges_status_ends_idx').on(t.status, t.endsOn, t.id),
    index('challenges_org_idx').on(t.organisationId, t.status),
  ],
);

/**
 * Every distinct word of the challenges' titles and keywords, with a trigram index. A search expands each of its
 * words to the similar words found here (cykel → cyklar, cykelvägar; skogsbrand → skogsbränder), then runs one
 * full-text query over the challenges. Trigrams thus run over a few thousand words instead of every challenge.
 * Filled by a trigger on challenges (see the migration); words are never removed, which only costs a little space.
 */
export const searchWords = pgTable('search_words', { word: text('word').primaryKey() }, (t) => [
  index('search_words_trgm_idx').using('gin', sql`${t.word} gin_trgm_ops`),
]);
