import Type from 'typebox';

export const profileRoles = ['developer', 'designer', 'data_scientist', 'domain_expert', 'student', 'other'] as const;
export const PRIVACY_NOTICE_VERSION = '2026-11-24';

const Email = Type.String({ format: 'email', minLength: 1, maxLength: 254 });
// Long enough to resist guessing; capped so hashing cannot be used to burn CPU.
const NewPassword = Type.String({ minLength: 10, maxLength: 256 });
const Name = Type.String({ minLength: 1, maxLength: 120 });
const Language = Type.Union([Type.Literal('sv'), Type.Literal('en')]);
const Tag = Type.String({ minLength: 1, maxLength: 60 });

export const SignUpForm = Type.Object({
  name: Name,
  email: Email,
  password: NewPassword,
  consent: Type.Literal(true),
});

export const SignInForm = Type.Object({
  email: Email,
  password: Type.String({ minLength: 1, maxLength: 256 }),
  next: Type.Optional(Type.String({ maxLength: 500 })),
});

export const ForgotPasswordForm = Type.Object({ email: Email });

export const ResetPasswordForm = Type.Object({ token: Type.String({ minLength: 1, maxLength: 100 }), password: NewPassword });

export const OidcConsentForm = Type.Object({ consent: Type.Literal(true) });

export const DeleteAccountForm = Type.Object({ confirm: Type.Literal(true) });

/** The editable profile; the same schema validates the form and PATCH /api/v1/me. */
export const ProfileFields = {
  name: Name,
  roles: Type.Array(Type.Enum(profileRoles), { maxItems: profileRoles.length }),
  skills: Type.Array(Tag, { maxItems: 30 }),
  languages: Type.Array(Tag, { maxItems: 20 }),
  bio: Type.String({ maxLength: 1000 }),
  preferredLanguage: Language,
};
export const ProfileForm = Type.Object({
  ...ProfileFields,
  skills: Type.String({ maxLength: 1000 }),
  languages: Type.String({ maxLength: 500 }),
});
export const ProfilePatch = Type.Partial(Type.Object(ProfileFields), { additionalProperties: false });

export const Me = Type.Object({
  id: Type.String({ format: 'uuid' }),
  email: Type.String(),
  emailVerified: Type.Boolean(),
  name: Type.String(),
  isOrganiser: Type.Boolean(),
  roles: Type.Array(Type.String()),
  skills: Type.Array(Type.String()),
  languages: Type.Array(Type.String()),
  bio: Type.String(),
  preferredLanguage: Language,
});

/** "Python, GIS,  SQL" → ["Python", "GIS", "SQL"], without duplicates. */
export function splitList(text: string): string[] {
  return [
    ...new Set(
      text
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean),
    ),
  ];
}
