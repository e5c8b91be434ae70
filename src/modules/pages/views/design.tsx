import type { ComponentChildren } from 'preact';
import { usePage } from '../../../web/page-context.ts';
import { Button, ButtonGroup } from '../../../web/components/button.tsx';
import { Card } from '../../../web/components/card.tsx';
import { Checkboxes, ErrorSummaryBox, Radios, TextField } from '../../../web/components/form.tsx';
import { LogoMark } from '../../../web/components/header.tsx';
import { Pagination } from '../../../web/components/listing.tsx';
import { NotificationBanner } from '../../../web/components/notification-banner.tsx';
import { SummaryList } from '../../../web/components/summary-list.tsx';
import { Tabs } from '../../../web/components/tabs.tsx';
import { Tag, TagList } from '../../../web/components/tag.tsx';
import { Timeline } from '../../../web/components/timeline.tsx';
import type { FieldErrors } from '../../../web/forms.ts';
import { themes } from '../../challenges/themes.ts';

/**
 * /design: every component of the design system with its variants, in the page's language (?lang=en for the other).
 * The components' documentation is docs/design-system.md; this page shows how they look and is checked by axe and
 * the Nu checker like any other page.
 */
export function DesignPage() {
  const { t, lang } = usePage();
  const theme = themes[0];
  const errors: FieldErrors = { 'design-name': { key: 'form.error.required' } };
  const roles = [
    { value: 'developer', label: t('design.option.developer') },
    { value: 'designer', label: t('design.option.designer') },
    { value: 'expert', label: t('design.option.expert') },
  ];
  return (
    <>
      <h1>{t('design.title')}</h1>
      <p class="lead">{t('design.lead')}</p>

      <Section id="header" title={t('design.header')}>
        <p>{t('design.headerText')}</p>
        <p>
          <LogoMark />
        </p>
      </Section>

      <Section id="buttons" title={t('design.buttons')}>
        <ButtonGroup>
          <Button type="button">{t('design.button.primary')}</Button>
          <Button type="button" variant="secondary">
            {t('design.button.secondary')}
          </Button>
          <Button type="button" variant="warning">
            {t('design.button.warning')}
          </Button>
          <Button href="#buttons">{t('design.button.link')}</Button>
        </ButtonGroup>
      </Section>

      <Section id="fields" title={t('design.fields')}>
        <form method="get" action="/design" novalidate>
          <ErrorSummaryBox summaries={[{ errors, labels: { 'design-name': 'design.field.name' } }]} />
          <TextField name="design-name" label="design.field.name" hint="design.field.nameHint" errors={errors} required />
          <Radios
            name="design-way"
            label="design.field.way"
            options={[
              { value: 'team', label: t('design.option.team'), hint: t('design.option.teamHint') },
              { value: 'solo', label: t('design.option.solo') },
            ]}
          />
          <Radios name="design-score" label="design.field.score" inline options={[1, 2, 3, 4, 5].map((n) => ({ value: String(n), label: String(n) }))} />
          <Checkboxes name="design-roles" label="design.field.roles" options={roles} />
          <Checkboxes name="design-roles-inline" label="design.field.rolesInline" options={roles} inline />
        </form>
      </Section>

      <Section id="tabs" title={t('design.tabs')}>
        <Tabs
          label={t('design.tabs')}
          items={[
            { href: '/design#tabs', label: t('design.tab.all'), current: true },
            { href: '/design?view=open#tabs', label: t('design.tab.open') },
          ]}
        />
      </Section>

      <Section id="tags" title={t('design.tags')}>
        <p>
          <Tag>{t('challenge.status.draft')}</Tag> <Tag variant="success">{t('challenge.status.published')}</Tag>{' '}
          <Tag variant="warning">{t('realisation.stage.paused')}</Tag> <Tag variant="muted">{t('challenge.status.archived')}</Tag>
        </p>
        <p>{t('design.tagsText')}</p>
        <TagList items={[{ label: theme.label[lang], href: `/challenges?theme=${theme.code}` }]} />
      </Section>

      <Section id="summary-list" title={t('design.summaryList')}>
        <SummaryList
          rows={[
            { key: t('design.example.stageKey'), value: t('realisation.stage.pilot') },
            { key: t('design.example.ownerKey'), value: t('design.example.owner') },
          ]}
        />
      </Section>

      <Section id="cards" title={t('design.cards')}>
        <ul class="cards">
          <Card title={t('design.example.cardTitle')} href="#cards" meta={t('design.example.owner')}>
            <p>{t('design.example.cardText')}</p>
          </Card>
        </ul>
      </Section>

      <Section id="banners" title={t('design.banners')}>
        <NotificationBanner>{t('design.example.info')}</NotificationBanner>
        <NotificationBanner type="success">{t('notice.saved')}</NotificationBanner>
      </Section>

      <Section id="timeline" title={t('design.timeline')}>
        <Timeline
          entries={[
            { title: t('realisation.stage.pilot'), date: '2026-09-01', current: true, body: <p>{t('design.example.timelineText')}</p> },
            { title: t('realisation.stage.prototype'), date: '2026-05-12' },
            { title: t('realisation.stage.idea'), date: '2026-03-20' },
          ]}
        />
      </Section>

      <Section id="pagination" title={t('design.pagination')}>
        <Pagination current={3} pages={9} href={(p) => `/design?page=${p}#pagination`} />
      </Section>
    </>
  );
}

function Section({ id, title, children }: { id: string; title: string; children: ComponentChildren }) {
  return (
    <section class="design-section" aria-labelledby={`design-${id}`}>
      <h2 id={`design-${id}`}>{title}</h2>
      {children}
    </section>
  );
}
