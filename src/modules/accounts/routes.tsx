import type { FastifyInstance } from 'fastify';
import { users } from '../../db/schema/index.ts';
import { checkValue, parseForm, type FormValues } from '../../web/forms.ts';
import { redirectWithNotice, safeNext } from '../../web/render.tsx';
import { validationFailed } from '../../web/errors.ts';
import { csrfUserInfo } from '../../web/csrf.ts';
import { accountsPolicy } from './policy.ts';
import { DeleteAccountForm, ForgotPasswordForm, Me, ProfileForm, ProfilePatch, ResetPasswordForm, SignInForm, SignUpForm, splitList } from './schema.ts';
import { signUp } from './commands/sign-up.ts';
import { resendVerification, verifyEmail } from './commands/verify-email.ts';
import { checkPassword } from './commands/sign-in.ts';
import { requestPasswordReset, resetPassword } from './commands/reset-password.ts';
import { updateProfile, type ProfileChanges } from './commands/update-profile.ts';
import { exportPersonalData } from './commands/export-personal-data.ts';
import { deleteAccount } from './commands/delete-account.ts';
import { findUserById } from './queries.ts';
import { peekToken } from './tokens.ts';
import { ForgotPasswordPage, MessagePage, ResetPasswordPage, SignInPage, SignUpPage } from './views/auth.tsx';
import { AccountPage, DeleteAccountPage } from './views/account.tsx';

export default async function accountsRoutes(app: FastifyInstance) {
  const limits = app.config.rateLimit;
  const signInLimit = { max: limits.signInPerMinute, timeWindow: '1 minute' };
  const resetLimit = { max: limits.resetPerHour, timeWindow: '1 hour' };

  // Sign-up and e-mail verification
  app.get('/signup', { config: { policy: accountsPolicy.signUp } }, (req, reply) => reply.page({ title: req.t('signup.title'), body: <SignUpPage /> }));
  app.post('/signup', { config: { policy: accountsPolicy.signUp, rateLimit: signInLimit } }, async (req, reply) => {
    const form = parseForm(SignUpForm, req.body);
    if (!form.ok) {
      return reply.page({ title: req.t('signup.title'), status: 400, hasErrors: true, body: <SignUpPage values={form.values} errors={form.errors} /> });
    }
    await signUp(app, { ...form.value, lang: req.lang });
    return redirectWithNotice(reply, '/signup/check-email');
  });
  app.get('/signup/check-email', { config: { policy: accountsPolicy.signUp } }, (req, reply) =>
    reply.page({ title: req.t('checkEmail.title'), body: <MessagePage title="checkEmail.title" text="checkEmail.text" /> }),
  );
  app.get<{ Querystring: { token?: string } }>('/verify-email', { config: { policy: accountsPolicy.verifyEmail } }, async (req, reply) => {
    const userId = req.query.token ? await verifyEmail(app, String(req.query.token)) : null;
    if (!userId) {
      return reply.page({
        title: req.t('verify.failedTitle'),
        status: 400,
        body: <MessagePage title="verify.failedTitle" text="verify.failedText" link={{ href: '/account', label: 'nav.account' }} />,
      });
    }
    await reply.startSession(userId);
    return redirectWithNotice(reply, '/account', 'notice.emailVerified');
  });
  app.post('/account/resend-verification', { config: { policy: accountsPolicy.viewAccount, rateLimit: resetLimit } }, async (req, reply) => {
    await resendVerification(app, req.actor.user!.id, req.lang);
    return redirectWithNotice(reply, '/account', 'notice.verificationSent');
  });

  // Sign-in and sign-out
  app.get<{ Querystring: { next?: string } }>('/signin', { config: { policy: accountsPolicy.signIn } }, (req, reply) =>
    reply.page({ title: req.t('signin.title'), body: <SignInPage values={{ next: safeNext(req.query.next, '') }} /> }),
  );
  app.post('/signin', { config: { policy: accountsPolicy.signIn, rateLimit: signInLimit } }, async (req, reply) => {
    const form = parseForm(SignInForm, req.body);
    const title = req.t('signin.title');
    if (!form.ok) return reply.page({ title, status: 400, hasErrors: true, body: <SignInPage values={form.values} errors={form.errors} /> });
    const userId = await checkPassword(app, form.value.email, form.value.password);
    if (!userId) {
      const values = { email: form.value.email, next: form.value.next ?? '' };
      return reply.page({ title, status: 400, hasErrors: true, body: <SignInPage values={values} failed /> });
    }
    await reply.startSession(userId);
    return redirectWithNotice(reply, safeNext(form.value.next, '/account'), 'notice.signedIn');
  });
  app.post('/signout', { config: { policy: accountsPolicy.signOut } }, async (_req, reply) => {
    await reply.endSession();
    return redirectWithNotice(reply, '/', 'notice.signedOut');
  });

  // Password reset
  app.get('/forgot-password', { config: { policy: accountsPolicy.recoverPassword } }, (req, reply) =>
    reply.page({ title: req.t('forgot.title'), body: <ForgotPasswordPage /> }),
  );
  app.post('/forgot-password', { config: { policy: accountsPolicy.recoverPassword, rateLimit: resetLimit } }, async (req, reply) => {
    const form = parseForm(ForgotPasswordForm, req.body);
    if (!form.ok) {
      return reply.page({ title: req.t('forgot.title'), status: 400, hasErrors: true, body: <ForgotPasswordPage values={form.values} errors={form.errors} /> });
    }
    await requestPasswordReset(app, form.value.email, req.lang);
    return reply.page({ title: req.t('forgot.sentTitle'), body: <MessagePage title="forgot.sentTitle" text="forgot.sentText" /> });
  });
  app.get<{ Querystring: { token?: string } }>('/reset-password', { config: { policy: accountsPolicy.recoverPassword } }, async (req, reply) => {
    const token = String(req.query.token ?? '');
    if (!token || !(await peekToken(app.db, token, 'reset_password'))) {
      return reply.page({
        title: req.t('reset.invalidTitle'),
        status: 400,
        body: <MessagePage title="reset.invalidTitle" text="reset.invalidText" link={{ href: '/forgot-password', label: 'reset.again' }} />,
      });
    }
    return reply.page({ title: req.t('reset.title'), body: <ResetPasswordPage token={token} /> });
  });
  app.post('/reset-password', { config: { policy: accountsPolicy.recoverPassword, rateLimit: resetLimit } }, async (req, reply) => {
    const form = parseForm(ResetPasswordForm, req.body);
    const token = String((req.body as Record<string, unknown> | undefined)?.token ?? '');
    if (!form.ok) {
      return reply.page({ title: req.t('reset.title'), status: 400, hasErrors: true, body: <ResetPasswordPage token={token} errors={form.errors} /> });
    }
    const userId = await resetPassword(app, form.value.token, form.value.password, req.lang);
    if (!userId) {
      return reply.page({
        title: req.t('reset.invalidTitle'),
        status: 400,
        body: <MessagePage title="reset.invalidTitle" text="reset.invalidText" link={{ href: '/forgot-password', label: 'reset.again' }} />,
      });
    }
    return redirectWithNotice(reply, '/signin', 'notice.passwordChanged');
  });

  // The account page: profile, data export, deletion
  app.get('/account', { config: { policy: accountsPolicy.viewAccount } }, async (req, reply) => {
    const user = (await findUserById(app.db, req.actor.user!.id))!;
    const values: FormValues = {
      name: user.name ?? '',
      roles: user.roles,
      skills: user.skills.join(', '),
      languages: user.languages.join(', '),
      bio: user.bio,
      preferredLanguage: user.preferredLanguage,
    };
    return reply.page({ title: req.t('account.title'), body: <AccountPage values={values} email={user.email ?? ''} emailVerified={!!user.emailVerifiedAt} /> });
  });
  app.post('/account/profile', { config: { policy: accountsPolicy.editProfile } }, async (req, reply) => {
    const form = parseForm(ProfileForm, req.body);
    const changes = form.ok ? { ...form.value, skills: splitList(form.value.skills), languages: splitList(form.value.languages) } : null;
    const errors = form.ok ? checkValue(ProfilePatch, changes!) : form.errors;
    if (!form.ok || Object.keys(errors).length) {
      const user = req.actor.user!;
      const values = form.ok ? (req.body as FormValues) : form.values;
      return reply.page({
        title: req.t('account.title'),
        status: 400,
        hasErrors: true,
        body: <AccountPage values={values} errors={errors} email={user.email} emailVerified={user.emailVerified} />,
      });
    }
    await updateProfile(app, req.actor.user!.id, changes as ProfileChanges);
    return redirectWithNotice(reply, '/account', 'notice.profileSaved');
  });
  app.get('/account/export', { config: { policy: accountsPolicy.exportData } }, async (req, reply) => {
    const data = await exportPersonalData(app, req.actor.user!.id);
    return reply
      .header('content-disposition', 'attachment; filename="hack365-my-data.json"')
      .header('cache-control', 'no-store')
      .type('application/json; charset=utf-8')
      .send(JSON.stringify(data, null, 2));
  });
  app.get('/account/delete', { config: { policy: accountsPolicy.deleteAccount } }, (req, reply) =>
    reply.page({ title: req.t('gdpr.deleteTitle'), body: <DeleteAccountPage /> }),
  );
  app.post('/account/delete', { config: { policy: accountsPolicy.deleteAccount } }, async (req, reply) => {
    const form = parseForm(DeleteAccountForm, req.body);
    if (!form.ok) {
      return reply.page({ title: req.t('gdpr.deleteTitle'), status: 400, hasErrors: true, body: <DeleteAccountPage errors={form.errors} /> });
    }
    await deleteAccount(app, req.actor.user!.id, req.lang);
    await reply.endSession();
    return redirectWithNotice(reply, '/', 'notice.accountDeleted');
  });

  // JSON API
  app.get(
    '/api/v1/me',
    {
      config: { policy: accountsPolicy.viewAccount },
      schema: { tags: ['accounts'], summary: 'The signed-in person', security: [{ session: [] }], response: { 200: Me } },
    },
    async (req) => toMe((await findUserById(app.db, req.actor.user!.id))!),
  );
  app.patch(
    '/api/v1/me',
    {
      config: { policy: accountsPolicy.editProfile },
      schema: {
        tags: ['accounts'],
        summary: 'Update my profile (send the x-csrf-token header)',
        security: [{ session: [] }],
        body: ProfilePatch,
        response: { 200: Me },
      },
    },
    async (req) => {
      const changes = req.body as ProfileChanges;
      if (changes.name !== undefined && !changes.name.trim()) throw validationFailed({ name: { key: 'form.error.required' } });
      await updateProfile(app, req.actor.user!.id, changes);
      return toMe((await findUserById(app.db, req.actor.user!.id))!);
    },
  );
  app.get(
    '/api/v1/csrf-token',
    {
      config: { policy: accountsPolicy.viewAccount },
      schema: { tags: ['accounts'], summary: 'A CSRF token for state-changing API calls', security: [{ session: [] }] },
    },
    async (req, reply) => ({
      token: reply.generateCsrf({ userInfo: csrfUserInfo(req) }),
    }),
  );
}

function toMe(user: typeof users.$inferSelect) {
  return {
    id: user.id,
    email: user.email ?? '',
    emailVerified: !!user.emailVerifiedAt,
    name: user.name ?? '',
    isOrganiser: user.isOrganiser,
    roles: user.roles,
    skills: user.skills,
    languages: user.languages,
    bio: user.bio,
    preferredLanguage: user.preferredLanguage as 'sv' | 'en',
  };
}
