import { usePage } from '../../../web/page-context.ts';

export function HomePage() {
  const { t, user } = usePage();
  return (
    <>
      <div class="hero">
        <h1>{t('home.title')}</h1>
        <p class="lead">{t('home.lead')}</p>
        {!user && (
          <p>
            <a class="button" href="/signup">
              {t('home.cta')}
            </a>
          </p>
        )}
      </div>
      <h2>{t('home.howTitle')}</h2>
      <ol class="steps">
        <li>
          <h3>{t('home.step1.title')}</h3>
          <p>{t('home.step1.text')}</p>
        </li>
        <li>
          <h3>{t('home.step2.title')}</h3>
          <p>{t('home.step2.text')}</p>
        </li>
        <li>
          <h3>{t('home.step3.title')}</h3>
          <p>{t('home.step3.text')}</p>
        </li>
        <li>
          <h3>{t('home.step4.title')}</h3>
          <p>{t('home.step4.text')}</p>
        </li>
      </ol>
      <h2>{t('home.whoTitle')}</h2>
      <ul>
        <li>{t('home.who.participants')}</li>
        <li>{t('home.who.needOwners')}</li>
        <li>{t('home.who.mentors')}</li>
        <li>{t('home.who.publishers')}</li>
      </ul>
      <h2>{t('home.openDataTitle')}</h2>
      <p>{t('home.openDataText')}</p>
    </>
  );
}
