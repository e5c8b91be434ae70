import type { ProposalContent } from '../../../db/schema/index.ts';
import { solutionLicences } from '../../../db/schema/index.ts';
import { usePage } from '../../../web/page-context.ts';
import { Checkboxes, CsrfField, ErrorSummary, Select, TextArea, TextField } from '../../../web/components/form.tsx';
import type { FieldErrors, FormValues } from '../../../web/forms.ts';
import { formatDateTime } from '../../../web/i18n.ts';
import { pick } from '../../challenges/views/parts.tsx';
import type { Proposal, versionsOf } from '../queries.ts';
import type { SubmissionWindow } from '../rules.ts';
import { mayOverride, type PhaseRefusal } from '../../events/override.ts';
import { overrideLabels, PhaseBlock } from '../../events/views/phase-block.tsx';
import { Button, ButtonGroup } from '../../../web/components/button.tsx';

export interface ProposalPageProps {
  eventSlug: string;
  teamId: string;
  teamName: string;
  proposal: Proposal | null;
  versions: Awaited<ReturnType<typeof versionsOf>>;
  /** Datasets offered as checkboxes: the challenge's, and any already chosen. */
  datasetChoices: { id: string; titleSv: string; titleEn: string }[];
  window: SubmissionWindow | null;
  /** Why the clock refuses saving now (before hacking, after the deadline), or null while it is open. */
  refusal: PhaseRefusal | null;
  /** False for the organiser, who reaches a team's proposal only to make an exception to a phase rule. */
  member: boolean;
  values: FormValues;
  errors?: FieldErrors;
}

const labels = {
  title: 'proposal.title',
  pitch: 'proposal.pitch',
  problem: 'proposal.problem',
  solution: 'proposal.solution',
  actionPlan: 'proposal.actionPlan',
  videoUrl: 'proposal.videoUrl',
  technical: 'proposal.technical',
  sourceUrl: 'proposal.sourceUrl',
  demoUrl: 'proposal.demoUrl',
  datasetIds: 'proposal.datasets',
  moreDatasets: 'proposal.moreDatasets',
  otherSources: 'proposal.otherSources',
  licence: 'proposal.licence',
  contactEmail: 'proposal.contactEmail',
  action: 'proposal.team',
  ...overrideLabels,
} as const;

export const contentValues = (c: ProposalContent): FormValues => ({ ...c, datasetIds: c.datasetIds, moreDatasets: '' });

/** The team's proposal: what was submitted and when, the template (saved as a draft or submitted), and its versions. */
export function ProposalPage(p: ProposalPageProps) {
  const { t, lang, user } = usePage();
  // Outside the window the form shows to the organiser, with the fields for an exception (never autosaved), and to a
  // team whose post was just refused, so what it typed is not lost.
  const formShown = !p.refusal || mayOverride({ user }) || Boolean(p.errors);
  const base = `/events/${p.eventSlug}/teams/${p.teamId}/proposal`;
  const f = { values: p.values, errors: p.errors };
  const status = p.proposal?.status;
  const changedSince = p.proposal && p.proposal.submittedVersion !== null && p.proposal.version !== p.proposal.submittedVersion;
  return (
    <>
      <p>
        <a href={`/events/${p.eventSlug}/teams/${p.teamId}`}>{p.teamName}</a>
      </p>
      <h1>{t('proposal.heading')}</h1>
      <div class="notice" id="status" aria-live="polite">
        {status === 'submitted' && p.proposal ? (
          <p>
            {t('proposal.submittedAt', { version: p.proposal.submittedVersion!, at: formatDateTime(p.proposal.submittedAt!, lang) })}{' '}
            <a href={`${base}/versions/${p.proposal.submittedVersion}`}>{t('proposal.seeSubmitted')}</a>
            {changedSince && ` ${t('proposal.changedSince')}`}
          </p>
        ) : status === 'withdrawn' ? (
          <p>{t('proposal.withdrawn')}</p>
        ) : (
          <p>{t('proposal.notSubmitted')}</p>
        )}
        {p.window && (
          <p>
            {t('proposal.deadline', { at: formatDateTime(p.window.deadline, lang) })}
            {p.window.closesAt > p.window.deadline && ` ${t('proposal.grace', { at: formatDateTime(p.window.closesAt, lang) })}`}
          </p>
        )}
      </div>
      <aside class="public-documents" aria-labelledby="public-title">
        <h2 id="public-title">{t('proposal.publicTitle')}</h2>
        <p>{t('proposal.publicText')}</p>
      </aside>
      {!formShown && p.refusal ? (
        <PhaseBlock refusal={p.refusal} errors={p.errors} />
      ) : (
        <>
          <p>{t('proposal.requiredHint')}</p>
          <ErrorSummary errors={p.errors} labels={labels} />
          <form method="post" action={base} novalidate data-autosave={p.refusal ? undefined : true}>
            <CsrfField />
            {p.refusal && <PhaseBlock refusal={p.refusal} values={p.values} errors={p.errors} />}
            <TextField name="title" required label="proposal.title" maxLength={120} {...f} />
            <TextArea name="pitch" required label="proposal.pitch" hint="proposal.pitchHint" rows={3} maxLength={600} {...f} />
            <TextArea name="problem" required label="proposal.problem" hint="proposal.problemHint" maxLength={4000} {...f} />
            <TextArea name="solution" required label="proposal.solution" hint="proposal.solutionHint" maxLength={4000} {...f} />
            <TextArea name="actionPlan" required label="proposal.actionPlan" hint="proposal.actionPlanHint" maxLength={4000} {...f} />
            <TextField name="videoUrl" required type="url" label="proposal.videoUrl" hint="proposal.videoUrlHint" {...f} />
            <TextArea name="technical" required label="proposal.technical" hint="proposal.technicalHint" maxLength={4000} {...f} />
            <TextField name="sourceUrl" type="url" label="proposal.sourceUrl" {...f} />
            <TextField name="demoUrl" type="url" label="proposal.demoUrl" {...f} />
            {p.datasetChoices.length > 0 && (
              <Checkboxes
                name="datasetIds"
                label="proposal.datasets"
                {...f}
                options={p.datasetChoices.map((d) => ({ value: d.id, label: pick(lang, d.titleSv, d.titleEn) }))}
              />
            )}
            <TextArea name="moreDatasets" label="proposal.moreDatasets" hint="proposal.moreDatasetsHint" rows={3} maxLength={3000} {...f} />
            <TextArea name="otherSources" label="proposal.otherSources" hint="proposal.otherSourcesHint" rows={3} maxLength={2000} {...f} />
            <Select
              name="licence"
              label="proposal.licence"
              required
              {...f}
              options={[
                { value: '', label: t('proposal.licenceChoose') },
                ...solutionLicences.map((l) => ({ value: l, label: l === 'other' ? t('proposal.licenceOther') : l })),
              ]}
            />
            <TextField name="contactEmail" required type="email" label="proposal.contactEmail" hint="proposal.contactEmailHint" autocomplete="email" {...f} />
            <ButtonGroup>
              <Button variant="secondary" name="action" value="save">
                {t('proposal.saveDraft')}
              </Button>
              <Button name="action" value="submit">
                {t(status === 'submitted' ? 'proposal.resubmit' : 'proposal.submit')}
              </Button>
            </ButtonGroup>
          </form>
          {p.proposal && p.member && !p.refusal && (
            <p>
              <a href={`/solutions/${p.proposal.id}/image`}>{t('solutionImage.manage')}</a>
            </p>
          )}
          {status === 'submitted' && p.member && !p.refusal && (
            <p>
              <a href={`${base}/withdraw`} class="link-warning">
                {t('proposal.withdraw')}
              </a>
            </p>
          )}
        </>
      )}
      {p.versions.length > 0 && (
        <section aria-labelledby="versions-title">
          <h2 id="versions-title">{t('proposal.versions')}</h2>
          <ul>
            {p.versions.map((v) => (
              <li key={v.version}>
                <a href={`${base}/versions/${v.version}`}>{t('proposal.version', { version: v.version })}</a> – {formatDateTime(v.savedAt, lang)}
                {v.savedBy && `, ${v.savedBy}`}
                {v.version === p.proposal?.submittedVersion && ` (${t('proposal.theSubmitted')})`}
              </li>
            ))}
          </ul>
        </section>
      )}
    </>
  );
}
