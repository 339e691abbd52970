import template from './notice.template.json';
import { expandCard, type AdaptiveCardJson } from '../expand';

export const NOTICE_VERBS = { acknowledge: 'notice.acknowledge' } as const;

export interface NoticeCardData {
  partnership: string;
  title: string;
  body: string;
  caseReference?: string;
  messageId: string;
  /** Set once the recipient has acknowledged: the card becomes read-only. */
  acknowledgedAt?: string;
}

/** A notice the recipient is asked to acknowledge. Title and body are the message subject and summary, so the card can be rebuilt from its row. */
export function buildNoticeCard(d: NoticeCardData): AdaptiveCardJson {
  return expandCard(template, {
    ...d,
    caseReference: d.caseReference ?? '',
    acknowledgedAt: d.acknowledgedAt ?? '',
    verb: NOTICE_VERBS.acknowledge,
  });
}
