import type { ActionsSummary } from './summary';

/** One CSV field: quoted when it holds a comma, quote or line break; a leading = + - @ is defused. */
export function csvField(v: string | number): string {
  let s = String(v);
  if (typeof v === 'string' && /^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

const line = (fields: Array<string | number>) => fields.map(csvField).join(',');

export const SUMMARY_CSV_HEADER = 'section,subgroup,level,stage,measure,value';

/**
 * The summary as one long CSV table (one count a row), easy to filter and pivot in a spreadsheet:
 * actions by subgroup, escalations by level, recommendations by owning subgroup and stage.
 */
export function summaryCsv(s: ActionsSummary): string {
  const rows: string[] = [SUMMARY_CSV_HEADER];
  for (const g of s.subgroups) {
    const measures: Array<[string, number]> = [
      ['open', g.open],
      ['in_progress', g.inProgress],
      ['overdue', g.overdue],
      ['working_days_overdue_total', g.daysOverdueTotal],
      ['working_days_overdue_max', g.daysOverdueMax],
      ['done', g.done],
      ['closed_not_done', g.closedNotDone],
    ];
    for (const [measure, value] of measures)
      rows.push(line(['actions', g.subgroupId, '', '', measure, value]));
  }
  for (const e of s.escalations) {
    rows.push(line(['escalations', '', e.level, '', 'steps', e.steps]));
    rows.push(line(['escalations', '', e.level, '', 'open_actions_at_level', e.openActionsAtLevel]));
  }
  for (const r of s.recommendations)
    rows.push(line(['recommendations', r.subgroupId, '', r.stage, 'count', r.count]));
  return `${rows.join('\n')}\n`;
}

export const ACTIONS_CSV_HEADER =
  'action_id,case_reference,subgroup,owner,due_date,status,working_days_overdue,highest_level,source';

/** One row per action: identifiers, dates and counts only (no titles or notes). */
export function actionsCsv(s: ActionsSummary): string {
  const rows = s.actions.map((a) =>
    line([
      a.actionId,
      a.caseReference,
      a.subgroupId,
      a.ownerId,
      a.dueDate,
      a.status,
      a.workingDaysOverdue,
      a.highestLevel,
      a.source,
    ]),
  );
  return `${[ACTIONS_CSV_HEADER, ...rows].join('\n')}\n`;
}
