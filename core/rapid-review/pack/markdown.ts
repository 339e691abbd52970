import { escapeHtml } from '../../text/escape-html';
import type { SubmissionPack } from './types';

/**
 * Text made inert in Markdown: HTML escaped first (no raw tags or autolinks reach a viewer), then the
 * characters that make emphasis, code, links, tables and headings backslash-escaped, and line breaks kept
 * as hard breaks so a line of free text cannot start a heading, list, quote or fence.
 */
export function escapeMarkdown(text: string): string {
  return escapeHtml(text)
    .replace(/\r\n?/g, '\n')
    .replace(/[\\`*_[\]#|~]/g, (c) => `\\${c}`)
    .replace(/^(\s*)([-+=])/gm, '$1\\$2')
    .replace(/^(\s*\d+)([.)])/gm, '$1\\$2')
    .split('\n')
    .map((line) => line.trimEnd())
    .join('  \n');
}

const m = escapeMarkdown;

function facts(rows: Array<[string, string | undefined]>): string[] {
  return rows
    .filter((r): r is [string, string] => r[1] !== undefined && r[1] !== '')
    .map(([k, v]) => `- **${m(k)}:** ${m(v)}`);
}

/** A table cell: inert, and on one line. */
function cell(text: string): string {
  return m(text).replace(/ {2}\n/g, ' ');
}

/** The submission pack as Markdown; every piece of text is escaped. */
export function packMarkdown(p: SubmissionPack): string {
  const out: string[] = [];
  out.push(`# Rapid Review ${m(p.caseReference)}: submission pack`, '', m(p.partnership), '');
  out.push(
    ...facts([
      ['Category', p.category],
      ['Serious incident notification', p.notificationDate],
      ['Panel deadline', p.panelDeadline],
      ['Chair', p.chair],
      ['Opened by', p.openedBy],
      ['Requests', p.requestsState],
    ]),
    '',
    `_Prepared ${m(p.preparedAt)} for ${m(p.preparedFor)}. Official-sensitive: for the Rapid Review and the Panel submission only._`,
    '',
    '## Timeline',
    '',
    '| When | What happened |',
    '| --- | --- |',
    ...p.timeline.map((t) => `| ${cell(t.when)} | ${cell(t.event)} |`),
    '',
    "## Agencies' information",
  );
  for (const a of p.agencies) {
    out.push(
      '',
      `### ${m(a.agency)}`,
      '',
      ...facts([
        ['Agency lead', a.lead],
        ['Delegated to', a.delegate],
        ['Status', a.status],
        ['Requested', a.requestedOn],
        ['Deadline', a.deadline],
        ['Deadline extended', a.extensionReason],
        ['Submitted', a.submitted],
      ]),
    );
    if (a.answers.length === 0) out.push('', '_No answer submitted._');
    for (const x of a.answers) out.push('', `**${m(x.label)}**`, '', m(x.value));
  }
  out.push('', '## Decision', '');
  if (p.decision)
    out.push(
      ...facts([
        ['Outcome', p.decision.outcome],
        ['Recorded', `${p.decision.decidedAt} by ${p.decision.decidedBy}`],
      ]),
      '',
      '**Learning identified**',
      '',
      m(p.decision.learning),
    );
  else out.push('_No decision has been recorded yet._');
  out.push('', '## Recommendations', '');
  if (p.recommendations.length === 0) out.push('_None recorded._');
  p.recommendations.forEach((r, i) =>
    out.push(`${i + 1}. **${m(r.category)}**  \n   ${m(r.text).replace(/ {2}\n/g, '  \n   ')}`),
  );
  return `${out.join('\n')}\n`;
}
