import type { Partnership } from '../../config/partnership/schema';
import type { Directory } from '../directory/directory';

const DATE = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'short',
  year: 'numeric',
  timeZone: 'UTC',
});

/** `2026-03-12` → `12 Mar 2026`. */
export function formatDate(iso: string): string {
  return DATE.format(new Date(`${iso}T00:00:00Z`));
}

const INSTANT = new Map<string, Intl.DateTimeFormat>();

export function formatInstant(at: Date, timeZone: string): string {
  let f = INSTANT.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-GB', { timeZone, dateStyle: 'medium', timeStyle: 'short' });
    INSTANT.set(timeZone, f);
  }
  return f.format(at);
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
