import { loadPartnershipFile } from '../../config/partnership/load';
import { parseIsoDate } from '../../core/calendar';
import { rapidReviewsDueForErasure } from '../../core/retention/rapid-reviews';
import { openSetUpDatabase } from './database';

export interface RetentionDueOptions {
  partnership: string;
  within?: string;
  format?: string;
  asOf?: string;
}

const MAX_WITHIN_DAYS = 3660;

/**
 * `masa retention due`: the Rapid Reviews the retention job will erase within `--within` days (30 by
 * default), from DATABASE_URL (or the embedded database), as CSV or JSON: case references and dates only.
 */
export async function retentionDue(opts: RetentionDueOptions, out: (text: string) => void): Promise<void> {
  const format = opts.format ?? 'csv';
  if (format !== 'csv' && format !== 'json')
    throw new Error(`--format: "${format}" is not a format (use csv or json)`);
  const within = opts.within ?? '30';
  if (!/^\d{1,4}$/.test(within) || Number(within) > MAX_WITHIN_DAYS)
    throw new Error(`--within: "${within}" is not a number of days from 0 to ${MAX_WITHIN_DAYS}`);
  let now = new Date();
  if (opts.asOf !== undefined) {
    try {
      parseIsoDate(opts.asOf);
    } catch {
      throw new Error(`--as-of: "${opts.asOf}" is not a date as YYYY-MM-DD`);
    }
    now = new Date(`${opts.asOf}T12:00:00Z`);
  }
  const partnership = loadPartnershipFile(opts.partnership);
  const handle = await openSetUpDatabase();
  try {
    const due = await rapidReviewsDueForErasure({ db: handle.db, partnership }, now, Number(within));
    if (format === 'json') out(JSON.stringify(due, null, 2));
    else
      out(
        [
          'case_reference,last_activity,erased_from',
          ...due.map((d) => `${d.caseReference},${d.lastActivity},${d.erasedFrom}`),
        ].join('\n'),
      );
  } finally {
    await handle.close();
  }
}
