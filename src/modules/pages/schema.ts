import Type from 'typebox';

export const FeedbackForm = Type.Object({
  message: Type.String({ minLength: 1, maxLength: 5000 }),
  pageUrl: Type.Optional(Type.String({ maxLength: 500 })),
  replyTo: Type.Optional(Type.String({ format: 'email', maxLength: 254 })),
});
