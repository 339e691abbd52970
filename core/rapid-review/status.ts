import type { RequestRow } from './store';
import { SHOWN_STATUS_LABELS, type ShownStatus } from './types';

export type DisplayStatus = ShownStatus | 'closed';

/** What a request's status is now, as the tracker shows it (overdue and not sent are derived). */
export function displayStatus(
  request: Pick<RequestRow, 'status' | 'deadline'>,
  opts: { delivered: boolean; today: string; closed: boolean },
): DisplayStatus {
  if (request.status === 'submitted') return 'submitted';
  if (request.status === 'declined') return 'declined';
  if (opts.closed) return 'closed';
  if (!opts.delivered) return 'not-sent';
  if (opts.today > request.deadline) return 'overdue';
  return request.status === 'draft' ? 'draft' : 'awaiting';
}

export function statusLabel(s: DisplayStatus): string {
  return s === 'closed' ? 'Closed without an answer' : SHOWN_STATUS_LABELS[s];
}

export function statusColour(s: DisplayStatus): 'Default' | 'Good' | 'Attention' | 'Warning' | 'Accent' {
  switch (s) {
    case 'submitted':
      return 'Good';
    case 'overdue':
      return 'Attention';
    case 'not-sent':
      return 'Warning';
    case 'draft':
      return 'Accent';
    default:
      return 'Default';
  }
}

export function isAnswered(r: Pick<RequestRow, 'status'>): boolean {
  return r.status === 'submitted' || r.status === 'declined';
}
