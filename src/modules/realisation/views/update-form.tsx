import { evidenceKinds, procurementRoutes, realisationStages } from '../../../db/schema/index.ts';
import { CsrfField, ErrorSummary, Radios, Select, SubmitButton, TextArea, TextField } from '../../../web/components/form.tsx';
import type { FieldErrors, FormValues } from '../../../web/forms.ts';
import type { MessageKey } from '../../../web/i18n.ts';
import { usePage } from '../../../web/page-context.ts';
import type { Solution, Standing } from '../queries.ts';
import { StageBadge } from './record.tsx';

const labels: Record<string, MessageKey> = {
  as: 'realisation.update.as',
  stage: 'realisation.update.stage',
  textSv: 'realisation.update.textSv',
  textEn: 'realisation.update.textEn',
  links: 'realisation.update.links',
  evidenceKind: 'realisation.update.evidenceKind',
  evidenceUrl: 'realisation.update.evidenceUrl',
  route: 'realisation.update.route',
  reference: 'realisation.update.reference',
  reason: 'realisation.update.reason',
};

/** The update form: what happened, perhaps a new stage, with the details a pilot, procurement or stop needs. */
export function UpdatePage(p: { solution: Solution; standing: Standing; values: FormValues; errors?: FieldErrors }) {
  const { t } = usePage();
  const s = p.solution;
  const writers = [
    ...(p.standing.teamMember ? [{ value: 'team', label: t('realisation.update.asTeam', { team: s.teamName }) }] : []),
    ...p.standing.ownerOrganisations.map((o) => ({ value: o.id, label: t('realisation.update.asOrganisation', { organisation: o.name }) })),
  ];
  return (
    <>
      <ErrorSummary errors={p.errors} labels={labels} />
      <h1>{t('realisation.update.title', { title: s.title })}</h1>
      <p>
        {t('realisation.update.now')} <StageBadge stage={s.stage} confirmed={s.confirmed} />
      </p>
      <p>
        <a href={`/solutions/${s.id}`}>{t('realisation.update.back')}</a>
      </p>
      <form method="post" action={`/solutions/${s.id}/updates`} novalidate>
        <CsrfField />
        {writers.length > 1 ? (
          <Radios name="as" label="realisation.update.as" hint="realisation.update.asHint" options={writers} values={p.values} errors={p.errors} />
        ) : (
          <input type="hidden" name="as" value={writers[0]?.value ?? 'team'} />
        )}
        <Radios
          name="stage"
          label="realisation.update.stage"
          hint={p.standing.ownerOrganisations.length ? undefined : 'realisation.update.stageHintTeam'}
          options={[
            { value: '', label: t('realisation.update.noStageChange') },
            ...realisationStages.map((v) => ({ value: v, label: t(`realisation.stage.${v}` as MessageKey) })),
          ]}
          values={p.values}
          errors={p.errors}
        />
        <TextArea
          name="textSv"
          contentLang="sv"
          label="realisation.update.textSv"
          hint="realisation.update.textHint"
          rows={4}
          maxLength={2000}
          values={p.values}
          errors={p.errors}
        />
        <TextArea name="textEn" contentLang="en" label="realisation.update.textEn" rows={4} maxLength={2000} values={p.values} errors={p.errors} />
        <TextArea name="links" label="realisation.update.links" hint="realisation.update.linksHint" rows={3} values={p.values} errors={p.errors} />
        <Select
          name="evidenceKind"
          label="realisation.update.evidenceKind"
          options={[
            { value: '', label: t('realisation.update.none') },
            ...evidenceKinds.map((v) => ({ value: v, label: t(`realisation.evidence.${v}` as MessageKey) })),
          ]}
          values={p.values}
          errors={p.errors}
        />
        <TextField name="evidenceUrl" type="url" label="realisation.update.evidenceUrl" values={p.values} errors={p.errors} />
        <fieldset class="field">
          <legend>{t('realisation.update.procurementLegend')}</legend>
          <p class="hint">{t('realisation.update.procurementHint')}</p>
          <Select
            name="route"
            label="realisation.update.route"
            options={[
              { value: '', label: t('realisation.update.none') },
              ...procurementRoutes.map((v) => ({ value: v, label: t(`realisation.route.${v}` as MessageKey) })),
            ]}
            values={p.values}
            errors={p.errors}
          />
          <TextField
            name="reference"
            label="realisation.update.reference"
            hint="realisation.update.referenceHint"
            maxLength={200}
            values={p.values}
            errors={p.errors}
          />
        </fieldset>
        <TextArea
          name="reason"
          label="realisation.update.reason"
          hint="realisation.update.reasonHint"
          rows={3}
          maxLength={1000}
          values={p.values}
          errors={p.errors}
        />
        <SubmitButton label="realisation.update.submit" />
      </form>
    </>
  );
}
