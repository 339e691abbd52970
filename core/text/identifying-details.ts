/**
 * A safety net for free text that is shown on cards to a whole subgroup or channel: it cannot recognise a
 * child's name, but it catches the identifiers people paste by habit. Returns what was found, or undefined.
 */
const CHECKS: ReadonlyArray<readonly [RegExp, string]> = [
  [/\b(?:d\.?\s?o\.?\s?b\.?|date of birth|born on)\b/i, 'a date of birth'],
  [/\b(?:GIR ?0AA|[A-PR-UWYZ][A-HK-Y]?\d[A-Z\d]? ?\d[ABD-HJLNP-UW-Z]{2})\b/i, 'a postcode'],
  [/\b\d{3} ?\d{3} ?\d{4}\b/, 'an NHS or phone number'],
  // UK numbers as people write them: 01924 123456, 07700 900123, 0113-496-0000, +44 7700 900123.
  [/(?:\+44[\s-]?|\b0)(?:\d[\s-]?){8,9}\d\b/, 'a phone number'],
];

export function identifyingDetail(text: string): string | undefined {
  return CHECKS.find(([pattern]) => pattern.test(text))?.[1];
}

/** The sentence a form shows when free text looks like it identifies someone. */
export function identifyingDetailProblem(field: string, found: string): string {
  return `${field}: this looks like it contains ${found}. It is shown to everyone the card reaches, so use the case reference only: no names, dates of birth or addresses.`;
}
