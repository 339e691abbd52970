import { caseReference } from '../../core/delivery/create-message';

describe('case references (the only way a case appears in cards, subjects and logs)', () => {
  it.each([
    'RR-2026-014',
    'LCSPR/2024/07',
    'CSPR-2025-03',
    'MASH-24-00123',
    'RR-2026-B0000',
    'FORUM-2026-10-14',
  ])('accepts %s', (ref) => {
    expect(caseReference.safeParse(ref).success).toBe(true);
  });

  it.each([
    'AMY-JONES-2015',
    'SMITH/JAKE-DOB-010215',
    'RR-2026-SMITH',
    'John Smith',
    'rr-2026-014',
    'RR2026014',
  ])('refuses %s with the hint, naming no one', (ref) => {
    const parsed = caseReference.safeParse(ref);
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]?.message).toBe('expected a case reference such as RR-2026-014 (no names)');
  });
});
