import Type from 'typebox';
import { Text } from '../../web/forms.ts';

/** The roles people take in a team; the board matches people to teams by them. */
export const teamRoles = ['developer', 'designer', 'data', 'domain', 'product', 'communication'] as const;
export type TeamRole = (typeof teamRoles)[number];
/** Languages people can work in, as BCP 47 codes (names come from Intl.DisplayNames in the reader's language). */
export const workingLanguages = ['sv', 'en', 'ar', 'fa', 'fi', 'so', 'ti', 'uk'] as const;

const Optional = Type.String({ maxLength: 36 });

export const TeamForm = Type.Object({
  name: Text(80, 2),
  pitch: Text(500),
  challenge: Optional,
  track: Optional,
  rolesWanted: Type.Array(Type.Enum(teamRoles), { maxItems: teamRoles.length }),
  lookingForMembers: Type.Boolean(),
});

export const SeekerForm = Type.Object({
  roles: Type.Array(Type.Enum(teamRoles), { minItems: 1, maxItems: teamRoles.length }),
  skills: Text(300),
  languages: Type.Array(Type.Enum(workingLanguages), { maxItems: workingLanguages.length }),
  challenge: Optional,
  note: Text(500),
});

export const InviteForm = Type.Object({ email: Type.String({ format: 'email', maxLength: 254 }) });
export const JoinRequestForm = Type.Object({ message: Text(500) });
export const HandOverForm = Type.Object({ member: Type.String({ format: 'uuid' }) });

/** "Python, kartor ,  GIS" → ["Python", "kartor", "GIS"]: free-text skills as a short list. */
export const skillList = (text: string) =>
  [
    ...new Set(
      text
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean),
    ),
  ]
    .slice(0, 12)
    .map((s) => s.slice(0, 40));
