import { packHtml } from '../../core/rapid-review/pack/html';
import { escapeMarkdown, packMarkdown } from '../../core/rapid-review/pack/markdown';
import { buildTimeline } from '../../core/rapid-review/pack/timeline';
import type { SubmissionPack } from '../../core/rapid-review/pack/types';

const at = (iso: string) => new Date(iso);

describe('submission pack builders (pure)', () => {
  it('orders the timeline by time whatever order the rows came in, cause before effect at the same instant', () => {
    const t = buildTimeline({
      timeZone: 'Europe/London',
      notificationDate: '2026-02-27',
      opened: { at: at('2026-03-02T10:00:00Z'), by: 'BU', panelDeadline: '2026-03-20' },
      messages: [
        {
          at: at('2026-03-05T09:00:00Z'),
          agency: 'Police',
          purpose: 'reminder-before',
          recipients: ['DCI'],
          sent: true,
        },
        {
          at: at('2026-03-02T10:00:00Z'),
          agency: 'Police',
          purpose: 'request',
          recipients: ['DCI'],
          sent: true,
        },
        {
          at: at('2026-03-02T10:01:00Z'),
          agency: 'ICB',
          purpose: 'request',
          recipients: ['Nurse'],
          sent: false,
        },
      ],
      answers: [{ at: at('2026-03-06T11:00:00Z'), agency: 'Police', by: 'DCI', declined: false }],
      extensions: [
        { at: at('2026-03-04T12:00:00Z'), agency: 'ICB', from: '2026-03-09', to: '2026-03-11', by: 'BU' },
      ],
      overdue: [{ at: at('2026-03-12T09:00:00Z'), agency: 'ICB' }],
      closed: { at: at('2026-03-16T15:00:00Z'), by: 'Chair' },
      decision: { at: at('2026-03-16T15:00:00Z'), by: 'Chair', outcome: 'Local review', recommendations: 1 },
      formatDate: (d) => d,
      formatInstant: (d) => d.toISOString(),
    });
    expect(t.map((e) => e.event)).toEqual([
      'Serious incident notification made',
      'Rapid Review opened by BU; Panel deadline 2026-03-20',
      'Information request sent to Police (DCI)',
      'Information request sent to ICB (Nurse) (recorded, not yet sent)',
      "ICB's deadline extended from 2026-03-09 to 2026-03-11 by BU",
      'Reminder to Police: due tomorrow',
      'Police submitted its information (DCI)',
      "ICB's request became overdue",
      'Requests closed by Chair',
      'Decision recorded by Chair: Local review; 1 recommendation',
    ]);
    expect(t[0]!.when).toBe('2026-02-27');
  });

  const hostile = '<b onmouseover=x>"quote"</b> & [a](javascript:x) `code` | pipe';
  const pack: SubmissionPack = {
    partnership: hostile,
    caseReference: 'RR-2026-001',
    category: 'Death',
    notificationDate: '27 Feb 2026',
    panelDeadline: '20 Mar 2026',
    chair: hostile,
    openedBy: 'BU',
    requestsState: '1 of 1 answered',
    preparedAt: 'now',
    preparedFor: hostile,
    timeline: [{ when: 'then', event: hostile }],
    agencies: [
      {
        agency: hostile,
        lead: hostile,
        delegate: hostile,
        status: 'Submitted',
        requestedOn: 'a',
        deadline: 'b',
        extensionReason: hostile,
        submitted: hostile,
        answers: [{ label: hostile, value: `${hostile}\n> quoted\n=====` }],
      },
    ],
    decision: { outcome: hostile, decidedBy: hostile, decidedAt: 'x', learning: hostile },
    recommendations: [{ category: hostile, text: hostile }],
  };

  it('escapes every field in the HTML', () => {
    const html = packHtml(pack);
    expect(html).not.toContain('<b ');
    expect(html).not.toContain('</b>');
    const escaped =
      '&lt;b onmouseover=x&gt;&quot;quote&quot;&lt;/b&gt; &amp; [a](javascript:x) `code` | pipe';
    // partnership, chair, prepared for, timeline; agency name, lead, delegate, extension, submitted, label, value;
    // decision outcome, by, learning; recommendation category and text
    expect(html.split(escaped).length - 1).toBe(16);
  });

  it('makes every field inert in Markdown', () => {
    const md = packMarkdown(pack);
    expect(md).not.toContain('<b ');
    expect(md).not.toMatch(/[^\\]\]\(javascript/);
    expect(md).not.toMatch(/[^\\]`code/);
    expect(escapeMarkdown(`${hostile}\n> quoted\n=====`)).toBe(
      '&lt;b onmouseover=x&gt;&quot;quote&quot;&lt;/b&gt; &amp; \\[a\\](javascript:x) \\`code\\` \\| pipe  \n' +
        '&gt; quoted  \n\\=====',
    );
  });
});
