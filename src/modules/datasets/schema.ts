import Type from 'typebox';
import { harvestKinds, harvestSchedules } from '../../db/schema/index.ts';

export const SourceForm = Type.Object({
  title: Type.String({ minLength: 2, maxLength: 200 }),
  url: Type.String({ minLength: 8, maxLength: 2000, pattern: '^https?://[^\\s]+$' }),
  kind: Type.Enum(harvestKinds),
  schedule: Type.Enum(harvestSchedules),
  organisation: Type.String({ maxLength: 40 }),
});

export const LinkForm = Type.Object({ dataset: Type.String({ minLength: 36, maxLength: 36 }) });
