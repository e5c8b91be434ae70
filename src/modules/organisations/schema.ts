import Type from 'typebox';
import { memberRoles, organisationTypes } from '../../db/schema/index.ts';

export const OrganisationProfileForm = Type.Object({
  description: Type.String({ maxLength: 5000 }),
  website: Type.String({ maxLength: 300, pattern: '^(https?://\\S+)?$' }),
});

export const ApplicationForm = Type.Object({
  name: Type.String({ minLength: 2, maxLength: 200 }),
  type: Type.Enum(organisationTypes),
  orgNumber: Type.String({ maxLength: 20 }),
  foreign: Type.Boolean(),
  website: Type.String({ maxLength: 300, pattern: '^(https?://\\S+)?$' }),
  motivation: Type.String({ minLength: 20, maxLength: 3000 }),
});

export const ReapplicationForm = Type.Object({ motivation: ApplicationForm.properties.motivation });

export const DecisionForm = Type.Object({
  decision: Type.Enum(['approved', 'rejected'] as const),
  reason: Type.String({ maxLength: 2000 }),
});

export const InviteForm = Type.Object({
  email: Type.String({ format: 'email', minLength: 1, maxLength: 254 }),
  role: Type.Enum(memberRoles),
});
