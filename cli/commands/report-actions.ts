import { loadPartnershipFile } from '../../config/partnership/load';
import { WorkingCalendar, parseIsoDate } from '../../core/calendar';
import { actionsCsv, summaryCsv } from '../../core/reports/actions/format';
import { actionsSummary } from '../../core/reports/actions/summary';
import { openSetUpDatabase } from './database';

export interface ReportActionsOptions {
  partnership: string;
  format?: string;
  table?: string;
  asOf?: string;
}

/**
 * `masa report actions`: the actions summary of one partnership from DATABASE_URL (or the embedded
 * database), as CSV (the summary counts, or `--table actions` for one row per action) or JSON (both).
 */
export async function reportActions(opts: ReportActionsOptions, out: (text: string) => void): Promise<void> {
  const format = opts.format ?? 'csv';
  if (format !== 'csv' && format !== 'json')
    throw new Error(`--format: "${format}" is not a format (use csv or json)`);
  const table = opts.table ?? 'summary';
  if (table !== 'summary' && table !== 'actions')
    throw new Error(`--table: "${table}" is not a table (use summary or actions)`);
  const partnership = loadPartnershipFile(opts.partnership);
  const calendar = WorkingCalendar.forPartnership(partnership);
  if (opts.asOf !== undefined) {
    try {
      parseIsoDate(opts.asOf);
    } catch {
      throw new Error(`--as-of: "${opts.asOf}" is not a date as YYYY-MM-DD`);
    }
  }
  const handle = await openSetUpDatabase();
  try {
    const asOf = opts.asOf ?? calendar.localDate(new Date());
    const summary = await actionsSummary(handle.db, partnership, calendar, asOf);
    if (format === 'json') out(JSON.stringify(summary, null, 2));
    else out((table === 'actions' ? actionsCsv(summary) : summaryCsv(summary)).trimEnd());
  } finally {
    await handle.close();
  }
}
