import { isMessageKey, type MessageKey, type Translate } from '../../web/i18n.ts';

export interface NoticeContent {
  kind: string;
  path: string;
  params: Record<string, string | number>;
}

/**
 * A notice's params as its reader reads them: a stage code becomes the stage's name in their language, and so does
 * a data request's status.
 */
function readerParams(t: Translate, params: NoticeContent['params']) {
  const out = { ...params };
  const stage = `realisation.stage.${params.stage}`;
  if (typeof params.stage === 'string' && isMessageKey(stage)) out.stage = t(stage);
  const status = `dataRequest.status.${params.status}`;
  if (typeof params.status === 'string' && isMessageKey(status)) out.status = t(status);
  const problem = `report.kind.${params.problem}`;
  if (typeof params.problem === 'string' && isMessageKey(problem)) out.problem = t(problem);
  return out;
}

/** One line for the notice list and the digest. A kind this version has no text for reads as plain news. */
export function noticeText(t: Translate, n: NoticeContent): string {
  const key = `notice.${n.kind}`;
  return isMessageKey(key) ? t(key, readerParams(t, n.params)) : t('notice.generic');
}

/** The single mail for a notice: `notice.<kind>.subject` and `.body`, with the link to what it is about. */
export function noticeMail(t: Translate, n: NoticeContent, link: string): { subject: string; text: string } {
  const known = isMessageKey(`notice.${n.kind}.subject`);
  const params = { ...readerParams(t, n.params), link };
  return {
    subject: t((known ? `notice.${n.kind}.subject` : 'notice.generic.subject') as MessageKey, params),
    text: t((known ? `notice.${n.kind}.body` : 'notice.generic.body') as MessageKey, params),
  };
}
