import type { Partnership } from '../../config/partnership/schema';
import type { Directory } from '../directory/directory';

const DATE = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'short',
  year: 'numeric',
  timeZone: 'UTC',
});

/** Cards show the same few deadlines over and over; Intl formatting is slow enough to remember them. */
const FORMATTED = new Map<string, string>();

/** `2026-03-12` → `12 Mar 2026`. */
export function formatDate(iso: string): string {
  let text = FORMATTED.get(iso);
  if (text === undefined) {
    text = DATE.format(new Date(`${iso}T00:00:00Z`));
    if (FORMATTED.size >= 1000) FORMATTED.clear();
    FORMATTED.set(iso, text);
  }
  return text;
}

/** Per time zone: its formatter, and the last minute it formatted (a burst of answers shares one). */
const INSTANT = new Map<string, { format: Intl.DateTimeFormat; minute: number; text: string }>();

/** `12 Mar 2026, 14:05` in the partnership's time zone (to the minute). */
export function formatInstant(at: Date, timeZone: string): string {
  let f = INSTANT.get(timeZone);
  if (!f) {
    const format = new Intl.DateTimeFormat('en-GB', { timeZone, dateStyle: 'medium', timeStyle: 'short' });
    INSTANT.set(timeZone, (f = { format, minute: Number.NaN, text: '' }));
  }
  const minute = Math.floor(at.getTime() / 60_000);
  if (minute !== f.minute) {
    f.text = f.format.format(at);
    f.minute = minute;
  }
  return f.text;
}

export function personName(directory: Directory, id: string): string {
  return directory.person(id)?.displayName ?? id;
}

export function agencyName(partnership: Partnership, id: string): string {
  return partnership.agencies.find((a) => a.id === id)?.name ?? id;
}

/** A person as a choice: "Name (Agency)". */
export function personChoice(partnership: Partnership, directory: Directory, id: string) {
  const p = directory.person(id);
  return { title: p ? `${p.displayName} (${agencyName(partnership, p.agency)})` : id, value: id };
}
