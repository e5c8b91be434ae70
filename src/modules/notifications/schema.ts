import Type from 'typebox';
import { noticeMailModes } from '../../db/schema/index.ts';
import { Text } from '../../web/forms.ts';

/** The follow button's form: what (type and id), whether to follow or stop, and where to go back to. */
export const FollowForm = Type.Object({
  type: Text(20, 1),
  id: Text(36, 1),
  follow: Type.Union([Type.Literal('yes'), Type.Literal('no')]),
  next: Type.Optional(Text(500)),
});

export const NoticeMailForm = Type.Object({ noticeMail: Type.Enum(noticeMailModes) });
