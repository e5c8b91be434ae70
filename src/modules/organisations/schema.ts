import Type from 'typebox';

export const OrganisationProfileForm = Type.Object({
  description: Type.String({ maxLength: 5000 }),
  website: Type.String({ maxLength: 300, pattern: '^(https?://\\S+)?$' }),
});
