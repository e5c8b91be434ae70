import { sql } from 'drizzle-orm';
import { text } from 'drizzle-orm/pg-core';

/** A list of short texts (roles, skills, themes, keywords, formats…): never null, empty by default. */
export const textList = (name: string) =>
  text(name)
    .array()
    .notNull()
    .default(sql`'{}'::text[]`);
