import type { Partnership } from '../../config/partnership/schema';

export interface ThemeMatcher {
  id: string;
  label: string;
  matches(text: string): boolean;
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The partnership's themes: a text is in a theme when it contains one of its keywords (as a word start). */
export function themeMatchers(p: Partnership): ThemeMatcher[] {
  return (p.forum?.themes ?? []).map((t) => {
    const re = new RegExp(
      `(?<![A-Za-z0-9])(?:${t.keywords.map((k) => escapeRegExp(k.trim())).join('|')})`,
      'i',
    );
    return { id: t.id, label: t.label, matches: (text: string) => re.test(text) };
  });
}

export const OTHER_THEME = { id: 'other', label: 'Other issues' } as const;
