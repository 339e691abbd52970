import type { Partnership } from '../../config/partnership/schema';
import type { WorkingCalendar } from '../calendar';
import { fromDayNumber, toDayNumber } from '../calendar/iso-date';

export interface PlannedSession {
  reference: string;
  title: string;
  halfTerm: string;
  date: string;
}

type Forum = NonNullable<Partnership['forum']>;

/** A session's reference: the forum and its date, e.g. FORUM-2026-10-14 (no names). */
export function sessionReference(date: string): string {
  return `FORUM-${date}`;
}

export function sessionTitle(forum: Forum, halfTerm: string): string {
  return `${forum.name}: ${halfTerm}`;
}

/**
 * The school year's sessions from the term dates in the partnership file: one a half term (each term
 * split at its half-term break, or at its middle working day when none is given), one a term, or one a
 * year, as the cadence says. Each session is on the middle working day of its half (or term).
 */
export function planSessionsFromTerms(forum: Forum, calendar: WorkingCalendar): PlannedSession[] {
  const terms = [...forum.terms].sort((a, b) => a.start.localeCompare(b.start));
  const chosen = forum.cadence === 'annual' ? terms.slice(0, 1) : terms;
  const planned: PlannedSession[] = [];
  for (const term of chosen) {
    const periods: Array<{ name: string; days: string[] }> = [];
    const days = calendar.workingDaysBetween(term.start, term.end);
    if (forum.cadence === 'half-termly') {
      if (term.halfTermBreak) {
        const before = fromDayNumber(toDayNumber(term.halfTermBreak.start) - 1);
        const after = fromDayNumber(toDayNumber(term.halfTermBreak.end) + 1);
        periods.push({ name: `${term.name}, first half`, days: days.filter((d) => d <= before) });
        periods.push({ name: `${term.name}, second half`, days: days.filter((d) => d >= after) });
      } else {
        const middle = Math.ceil(days.length / 2);
        periods.push({ name: `${term.name}, first half`, days: days.slice(0, middle) });
        periods.push({ name: `${term.name}, second half`, days: days.slice(middle) });
      }
    } else {
      periods.push({ name: term.name, days });
    }
    for (const period of periods) {
      const date = period.days[Math.floor((period.days.length - 1) / 2)];
      if (!date) continue;
      planned.push({
        reference: sessionReference(date),
        title: sessionTitle(forum, period.name),
        halfTerm: period.name,
        date,
      });
    }
  }
  return planned;
}
