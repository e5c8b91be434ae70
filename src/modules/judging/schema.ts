import Type from 'typebox';
import { Text } from '../../web/forms.ts';

export const JuryForm = Type.Object({
  name: Text(120, 3),
  challenge: Type.String({ maxLength: 36 }),
  track: Type.String({ maxLength: 36 }),
  template: Type.Enum(['challenge', 'nabc'] as const),
  scaleMax: Type.Enum(['5', '10'] as const),
  jurorsPerSubmission: Type.Integer({ minimum: 1, maximum: 20 }),
});

export const JurorInviteForm = Type.Object({ email: Type.String({ format: 'email', maxLength: 254 }) });

export const AwardForm = Type.Object({
  submission: Type.String({ format: 'uuid' }),
  awardName: Text(120, 2),
  amountSek: Type.Optional(Type.Integer({ minimum: 0, maximum: 10_000_000 })),
  sponsor: Text(120),
});
