import template from './report.template.json';
import { expandCard, type AdaptiveCardJson } from '../expand';
import { FORUM_REPLY_MAX, FORUM_VERBS } from './verbs';

export interface ForumReportCardData {
  partnership: string;
  sessionId: string;
  reference: string;
  title: string;
  sessionDate: string;
  status: 'scheduled' | 'open' | 'closed' | string;
  deadline: string;
  anonymous: boolean;
  schools: { total: number; answered: number; rate: number };
  answers: number;
  usefulness: { average: number | null; counts: number[] };
  byPhase: Array<{ label: string; schools: number; answered: number; rate: number }>;
  themes: Array<{ id: string; label: string; count: number; quotes: string[]; reply: string }>;
  topics: string[];
  consent: number;
  contacts: Array<{ school: string; person: string }>;
  csvUrl?: string;
  xlsxUrl?: string;
  /** The viewer may write and send "you said, we did" (an organiser, the form closed, not yet sent). */
  canReply: boolean;
  youSaidSent: boolean;
  /** Anonymous and still open: only who answered is shown until the form closes. */
  withheldUntilClose?: boolean;
}

/** At most this many quotes a theme on the card; the exports have them all. */
const QUOTES_ON_CARD = 5;
const QUOTE_CHARS = 300;

const clip = (s: string) => (s.length > QUOTE_CHARS ? `${s.slice(0, QUOTE_CHARS - 1)}\u2026` : s);

/** The forum report for the advisor and the Executive. */
export function buildForumReportCard(d: ForumReportCardData): AdaptiveCardJson {
  const statusText =
    d.status === 'closed'
      ? `Closed ${d.deadline}`
      : d.status === 'open'
        ? `Open until ${d.deadline}`
        : 'Not issued yet';
  return expandCard(template, {
    partnership: d.partnership,
    sessionId: d.sessionId,
    reference: d.reference,
    title: d.title,
    sessionDate: d.sessionDate,
    statusText,
    schoolsText: `${d.schools.answered} of ${d.schools.total} (${d.schools.rate}%)`,
    answers: d.answers,
    usefulnessText: d.withheldUntilClose
      ? 'Shown when the form closes'
      : d.usefulness.average === null
        ? 'No ratings yet'
        : `${d.usefulness.average} on average (${d.usefulness.counts.map((n, i) => `${i + 1}: ${n}`).join(', ')})`,
    consentText: d.withheldUntilClose ? 'Shown when the form closes' : String(d.consent),
    privacy: d.withheldUntilClose
      ? `Answers are anonymous, so what they say is shown when the form closes (${d.deadline}): read as they ` +
        'arrive, they could be matched to schools.'
      : d.anonymous
        ? 'Answers are anonymous: quotes are shown without names or schools.'
        : 'Answers are not anonymous; quotes are shown without names.',
    byPhase: d.byPhase.map((p) => ({ label: p.label, text: `${p.answered} of ${p.schools} (${p.rate}%)` })),
    themes: d.themes.map((t) => ({
      ...t,
      quotes: t.quotes.slice(0, QUOTES_ON_CARD).map(clip),
      reply: t.reply,
    })),
    topics: d.topics.slice(0, 15).map(clip),
    contacts: d.contacts,
    csvUrl: d.csvUrl ?? '',
    xlsxUrl: d.xlsxUrl ?? '',
    canReply: d.canReply,
    youSaidSent: d.youSaidSent,
    replyThemes: d.themes.filter((t) => t.count > 0),
    maxReply: FORUM_REPLY_MAX,
    youSaidVerb: FORUM_VERBS.youSaid,
  });
}
