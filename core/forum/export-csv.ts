import type { ForumReport } from './report';

function cell(v: string | number | boolean | null): string {
  const s = v === null ? '' : String(v);
  // Quote everything that needs it; a leading = + - @ is neutralised so a spreadsheet never runs it.
  const safe = /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
  return /[",\r\n]/.test(safe) || safe !== s ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/**
 * The report as one CSV table: `section,item,value,detail` rows for the summary, the response rate by
 * phase, usefulness, themes (count, then one row per anonymised quote), topics, and then one row per
 * answer. For an anonymous form no row names a person or school.
 */
export function forumReportCsv(r: ForumReport): string {
  const rows: Array<Array<string | number | boolean | null>> = [['section', 'item', 'value', 'detail']];
  rows.push(['summary', 'reference', r.reference, r.title]);
  rows.push(['summary', 'anonymous', r.anonymous ? 'yes' : 'no', null]);
  rows.push([
    'summary',
    'schools answered',
    `${r.schools.answered} of ${r.schools.total}`,
    `${r.schools.rate}%`,
  ]);
  rows.push(['summary', 'people answered', `${r.people.answered} of ${r.people.total}`, null]);
  rows.push(['summary', 'answers', r.answers, null]);
  rows.push(['summary', 'happy to be contacted', r.consent, null]);
  for (const p of r.byPhase)
    rows.push(['response by phase', p.label, `${p.answered} of ${p.schools}`, `${p.rate}%`]);
  rows.push(['usefulness', 'average', r.usefulness.average ?? '', null]);
  r.usefulness.counts.forEach((n, i) => rows.push(['usefulness', `rated ${i + 1}`, n, null]));
  for (const t of r.themes) {
    rows.push(['theme', t.label, t.count, t.reply || null]);
    for (const q of t.quotes) rows.push(['theme quote', t.label, null, q]);
  }
  for (const t of r.topics) rows.push(['topic requested', null, null, t]);
  for (const c of r.contacts) rows.push(['contact', c.school, c.person, c.email]);

  const answerHeader = r.anonymous
    ? ['usefulness', 'successes', 'issues', 'topics', 'happy to be contacted', 'themes']
    : [
        'school',
        'phase',
        'person',
        'usefulness',
        'successes',
        'issues',
        'topics',
        'happy to be contacted',
        'themes',
      ];
  rows.push([]);
  rows.push(['answers', ...answerHeader]);
  for (const a of r.rows) {
    const common = [
      a.usefulness,
      a.successes,
      a.issues,
      a.topics,
      a.consent ? 'yes' : 'no',
      a.themes.join(' '),
    ];
    rows.push([
      'answer',
      ...(r.anonymous ? common : [a.school ?? '', a.phase ?? '', a.person ?? '', ...common]),
    ]);
  }
  return rows.map((row) => row.map(cell).join(',')).join('\r\n') + '\r\n';
}
