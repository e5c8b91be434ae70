import Type from 'typebox';

/** Signing up: solo or as a team, with the rules and code of conduct accepted (stored with time and version). */
export const RegistrationForm = Type.Object({
  as: Type.Enum(['solo', 'team'] as const),
  acceptRules: Type.Literal(true),
});
