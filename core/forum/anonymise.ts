import type { Partnership } from '../../config/partnership/schema';

const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g;
const PHONE = /(?:\+44\s?\d|\b0\d)(?:[\s-]?\d){8,9}\b/g;

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Takes identifying details out of free text before it goes into a report: the names of the
 * partnership's schools and people, email addresses and phone numbers.
 */
export function anonymiser(p: Partnership): (text: string) => string {
  const names = (list: string[]) =>
    [...new Set(list.map((n) => n.trim()).filter((n) => n.length >= 4))].sort((a, b) => b.length - a.length);
  const pattern = (list: string[]) =>
    list.length
      ? new RegExp(`(?<![A-Za-z0-9])(?:${list.map(escapeRegExp).join('|')})(?![A-Za-z0-9])`, 'gi')
      : null;
  const schools = pattern(names(p.schools.map((s) => s.name)));
  const people = pattern(names(p.people.map((x) => x.displayName)));
  return (text) => {
    let out = text.replace(EMAIL, '[email]').replace(PHONE, '[phone]');
    if (schools) out = out.replace(schools, '[school]');
    if (people) out = out.replace(people, '[name]');
    return out;
  };
}
