import Type from 'typebox';
import { Text } from '../../web/forms.ts';
import { workingLanguages } from '../teams/schema.ts';

export const MentorForm = Type.Object({
  email: Type.String({ format: 'email', maxLength: 254 }),
  expertise: Text(300, 3),
  organisation: Text(150),
  languages: Type.Array(Type.Enum(workingLanguages), { maxItems: workingLanguages.length }),
});

export const SlotForm = Type.Object({
  startsAt: Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}$' }),
  minutes: Type.Integer({ minimum: 10, maximum: 120 }),
});

export const BookingForm = Type.Object({ question: Text(500, 3) });
