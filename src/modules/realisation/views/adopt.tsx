import { usePage } from '../../../web/page-context.ts';
import { ConsentBox, CsrfField, ErrorSummary, SubmitButton, TextArea } from '../../../web/components/form.tsx';
import type { FieldErrors, FormValues } from '../../../web/forms.ts';
import type { Ownership } from '../matching-queries.ts';
import { MESSAGE_MAX } from '../matching-schema.ts';
import type { MessageKey } from '../../../web/i18n.ts';
import { Problem, SpeakingFor } from './interest.tsx';
import { Localised } from '../../../web/components/localised.tsx';
import { NotificationBanner } from '../../../web/components/notification-banner.tsx';
import { Button } from '../../../web/components/button.tsx';

export interface AdoptPageProps {
  challenge: { slug: string; titleSv: string; titleEn: string };
  postedBy: { name: string };
  ownership: Ownership;
  adoptable: boolean;
  values?: FormValues;
  errors?: FieldErrors;
  giveUpErrors?: FieldErrors;
  problem?: MessageKey;
}

/** Adopting a challenge, or giving an adoption up, for the person's approved organisations. */
export function AdoptPage({ challenge, postedBy, ownership, adoptable, values, errors, giveUpErrors, problem }: AdoptPageProps) {
  const { t } = usePage();
  const base = `/challenges/${challenge.slug}/adopt`;
  const { mayAdopt, adoptedByMine, ownedByMine } = ownership;
  return (
    <>
      <p>
        <a href={`/challenges/${challenge.slug}`}>
          <Localised sv={challenge.titleSv} en={challenge.titleEn} />
        </a>
      </p>
      <h1>{t('adopt.title')}</h1>
      <Problem problem={problem} />
      <p class="lead">{t('adopt.lead', { organisation: postedBy.name })}</p>
      {ownedByMine.map((o) => (
        <NotificationBanner key={o.id}>{t('adopt.ownChallenge', { organisation: o.name })}</NotificationBanner>
      ))}
      {!adoptable ? (
        <p>{t('adopt.notAdoptable')}</p>
      ) : mayAdopt.length > 0 ? (
        <form method="post" action={base} novalidate>
          <CsrfField />
          <ErrorSummary errors={errors} labels={{ organisation: 'adopt.organisation', message: 'adopt.message' }} />
          <SpeakingFor name="organisation" label="adopt.organisation" options={mayAdopt} values={values} errors={errors} />
          <TextArea name="message" label="adopt.message" hint="adopt.messageHint" maxLength={MESSAGE_MAX} rows={3} values={values} errors={errors} />
          <SubmitButton label="adopt.submit" />
        </form>
      ) : (
        adoptedByMine.length === 0 && ownedByMine.length === 0 && <p>{t('adopt.noneLeft')}</p>
      )}
      {adoptedByMine.length > 0 && (
        <section aria-labelledby="give-up-heading" class="manage">
          <h2 id="give-up-heading">{t('adopt.giveUpHeading')}</h2>
          <p>{t('adopt.giveUpLead', { organisations: adoptedByMine.map((o) => o.name).join(', ') })}</p>
          <form method="post" action={`${base}/remove`} novalidate>
            <CsrfField />
            <ErrorSummary errors={giveUpErrors} labels={{ adopter: 'adopt.organisation', confirm: 'adopt.giveUp' }} />
            <SpeakingFor name="adopter" label="adopt.organisation" options={adoptedByMine} errors={giveUpErrors} />
            <ConsentBox name="confirm" errors={giveUpErrors}>
              {t('adopt.confirmGiveUp')}
            </ConsentBox>
            <Button variant="warning">{t('adopt.giveUp')}</Button>
          </form>
        </section>
      )}
    </>
  );
}
