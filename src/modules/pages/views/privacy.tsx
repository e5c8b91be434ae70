import { usePage } from '../../../web/page-context.ts';
import { PRIVACY_NOTICE_VERSION } from '../../accounts/schema.ts';

export function PrivacyPage() {
  const { t } = usePage();
  const sections = ['controller', 'what', 'why', 'public', 'retention', 'rights', 'cookies'] as const;
  return (
    <>
      <h1>{t('privacy.title')}</h1>
      <p>{t('privacy.version', { version: PRIVACY_NOTICE_VERSION })}</p>
      {sections.map((s) => (
        <section key={s}>
          <h2>{t(`privacy.${s}.title`)}</h2>
          <p>{t(`privacy.${s}.text`)}</p>
        </section>
      ))}
    </>
  );
}
