import { createHash } from 'node:crypto';
import { escapeHtml } from '../../text/escape-html';
import type { SubmissionPack } from './types';

export const PACK_STYLE = [
  'body{margin:2rem auto;max-width:50rem;padding:0 1rem;color:#242424;font-family:"Segoe UI",Segoe,"Helvetica Neue",sans-serif;line-height:1.4}',
  'h1{font-size:1.6rem}h2{margin-top:2rem;border-bottom:1px solid #ccc}h3{margin-top:1.5rem}',
  'table{border-collapse:collapse;width:100%}th,td{border:1px solid #ccc;padding:4px 8px;text-align:left;vertical-align:top}',
  'dt{font-weight:600;margin-top:.6rem}dd{margin:0 0 0 1rem}.text{white-space:pre-wrap}',
  '.meta{color:#616161}',
].join('');

/** The Content-Security-Policy of the pack: nothing but its own style may run or load. */
export const PACK_CSP = [
  "default-src 'none'",
  `style-src 'sha256-${createHash('sha256').update(PACK_STYLE).digest('base64')}'`,
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

const e = escapeHtml;

function facts(rows: Array<[string, string | undefined]>): string {
  const shown = rows.filter((r): r is [string, string] => r[1] !== undefined && r[1] !== '');
  return `<dl>${shown.map(([k, v]) => `<dt>${e(k)}</dt><dd class="text">${e(v)}</dd>`).join('')}</dl>`;
}

/** The submission pack as a standalone HTML document; every piece of text is escaped. */
export function packHtml(p: SubmissionPack): string {
  const title = `Rapid Review ${p.caseReference}: submission pack`;
  const timeline = p.timeline.map((t) => `<tr><td>${e(t.when)}</td><td>${e(t.event)}</td></tr>`).join('');
  const agencies = p.agencies
    .map(
      (a) =>
        `<section><h3>${e(a.agency)}</h3>` +
        facts([
          ['Agency lead', a.lead],
          ['Delegated to', a.delegate],
          ['Status', a.status],
          ['Requested', a.requestedOn],
          ['Deadline', a.deadline],
          ['Deadline extended', a.extensionReason],
          ['Submitted', a.submitted],
        ]) +
        (a.answers.length > 0
          ? facts(a.answers.map((x) => [x.label, x.value]))
          : '<p class="meta">No answer submitted.</p>') +
        '</section>',
    )
    .join('');
  const decision = p.decision
    ? facts([
        ['Outcome', p.decision.outcome],
        ['Recorded', `${p.decision.decidedAt} by ${p.decision.decidedBy}`],
        ['Learning identified', p.decision.learning],
      ])
    : '<p class="meta">No decision has been recorded yet.</p>';
  const recommendations =
    p.recommendations.length > 0
      ? `<ol>${p.recommendations
          .map((r) => `<li><p><strong>${e(r.category)}</strong></p><p class="text">${e(r.text)}</p></li>`)
          .join('')}</ol>`
      : '<p class="meta">None recorded.</p>';
  return (
    '<!DOCTYPE html>\n<html lang="en-GB"><head><meta charset="utf-8">' +
    `<meta http-equiv="Content-Security-Policy" content="${e(PACK_CSP)}">` +
    '<meta name="referrer" content="no-referrer">' +
    `<title>${e(title)}</title><style>${PACK_STYLE}</style></head><body>` +
    `<p class="meta">${e(p.partnership)}</p><h1>${e(title)}</h1>` +
    facts([
      ['Category', p.category],
      ['Serious incident notification', p.notificationDate],
      ['Panel deadline', p.panelDeadline],
      ['Chair', p.chair],
      ['Opened by', p.openedBy],
      ['Requests', p.requestsState],
    ]) +
    `<p class="meta">Prepared ${e(p.preparedAt)} for ${e(p.preparedFor)}. Official-sensitive: for the Rapid Review and the Panel submission only.</p>` +
    `<h2>Timeline</h2><table><thead><tr><th>When</th><th>What happened</th></tr></thead><tbody>${timeline}</tbody></table>` +
    `<h2>Agencies' information</h2>${agencies}` +
    `<h2>Decision</h2>${decision}` +
    `<h2>Recommendations</h2>${recommendations}` +
    '</body></html>\n'
  );
}
