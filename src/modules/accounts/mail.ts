import { translator, type Lang } from '../../web/i18n.ts';
import type { MailMessage } from '../notifications/outbox.ts';

type Mail = Omit<MailMessage, 'to' | 'userId'>;

export function verificationMail(lang: Lang, name: string, link: string): Mail {
  const t = translator(lang);
  return { subject: t('mail.verify.subject'), text: t('mail.verify.body', { name, link }) };
}

export function alreadyRegisteredMail(lang: Lang, signInLink: string, resetLink: string): Mail {
  const t = translator(lang);
  return { subject: t('mail.alreadyRegistered.subject'), text: t('mail.alreadyRegistered.body', { signInLink, resetLink }) };
}

export function resetPasswordMail(lang: Lang, link: string): Mail {
  const t = translator(lang);
  return { subject: t('mail.reset.subject'), text: t('mail.reset.body', { link }) };
}

export function passwordChangedMail(lang: Lang): Mail {
  const t = translator(lang);
  return { subject: t('mail.passwordChanged.subject'), text: t('mail.passwordChanged.body') };
}

export function accountDeletedMail(lang: Lang): Mail {
  const t = translator(lang);
  return { subject: t('mail.deleted.subject'), text: t('mail.deleted.body') };
}
