import ExcelJS from 'exceljs';
import type { ForumReport } from './report';

/** Text a spreadsheet would run as a formula is stored as plain text. */
function text(s: string): string {
  return /^[=+\-@]/.test(s) ? `'${s}` : s;
}

/**
 * The report as an Excel workbook: Summary, By phase, Themes (with quotes), Topics and Answers sheets.
 * For an anonymous form no sheet names a person or school.
 */
export async function forumReportXlsx(r: ForumReport): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  book.creator = r.partnership;
  const summary = book.addWorksheet('Summary');
  summary.columns = [
    { header: 'Item', key: 'item', width: 28 },
    { header: 'Value', key: 'value', width: 60 },
  ];
  summary.addRows([
    { item: 'Reference', value: r.reference },
    { item: 'Forum', value: text(r.title) },
    { item: 'Date', value: r.sessionDate },
    { item: 'Closes', value: r.deadline },
    { item: 'Anonymous', value: r.anonymous ? 'Yes' : 'No' },
    { item: 'Schools answered', value: `${r.schools.answered} of ${r.schools.total} (${r.schools.rate}%)` },
    { item: 'People answered', value: `${r.people.answered} of ${r.people.total}` },
    { item: 'Answers', value: r.answers },
    { item: 'Average usefulness (1-5)', value: r.usefulness.average ?? '' },
    ...r.usefulness.counts.map((n, i) => ({ item: `Rated ${i + 1}`, value: n })),
    { item: 'Happy to be contacted', value: r.consent },
  ]);

  const phases = book.addWorksheet('By phase');
  phases.columns = [
    { header: 'Phase', key: 'label', width: 24 },
    { header: 'Schools', key: 'schools', width: 10 },
    { header: 'Answered', key: 'answered', width: 10 },
    { header: 'Rate %', key: 'rate', width: 10 },
  ];
  phases.addRows(r.byPhase);

  const themes = book.addWorksheet('Themes');
  themes.columns = [
    { header: 'Theme', key: 'label', width: 30 },
    { header: 'Count', key: 'count', width: 8 },
    { header: 'Quote', key: 'quote', width: 80 },
    { header: 'We did', key: 'reply', width: 60 },
  ];
  for (const t of r.themes) {
    themes.addRow({ label: t.label, count: t.count, quote: '', reply: text(t.reply) });
    for (const q of t.quotes) themes.addRow({ label: t.label, quote: text(q) });
  }

  const topics = book.addWorksheet('Topics');
  topics.columns = [{ header: 'Topic requested', key: 'topic', width: 80 }];
  topics.addRows(r.topics.map((t) => ({ topic: text(t) })));

  const answers = book.addWorksheet('Answers');
  answers.columns = [
    ...(r.anonymous
      ? []
      : [
          { header: 'School', key: 'school', width: 30 },
          { header: 'Phase', key: 'phase', width: 14 },
          { header: 'Person', key: 'person', width: 24 },
        ]),
    { header: 'Usefulness', key: 'usefulness', width: 10 },
    { header: 'Successes', key: 'successes', width: 50 },
    { header: 'Issues', key: 'issues', width: 50 },
    { header: 'Topics', key: 'topics', width: 40 },
    { header: 'Happy to be contacted', key: 'consent', width: 12 },
    { header: 'Themes', key: 'themes', width: 30 },
  ];
  answers.addRows(
    r.rows.map((a) => ({
      ...(r.anonymous ? {} : { school: a.school, phase: a.phase, person: a.person }),
      usefulness: a.usefulness,
      successes: text(a.successes),
      issues: text(a.issues),
      topics: text(a.topics),
      consent: a.consent ? 'Yes' : 'No',
      themes: a.themes.join(', '),
    })),
  );
  if (!r.anonymous && r.contacts.length) {
    const contacts = book.addWorksheet('Contacts');
    contacts.columns = [
      { header: 'School', key: 'school', width: 30 },
      { header: 'Person', key: 'person', width: 24 },
      { header: 'Email', key: 'email', width: 30 },
    ];
    contacts.addRows(r.contacts);
  }
  return Buffer.from(await book.xlsx.writeBuffer());
}
