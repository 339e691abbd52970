import { identifyingDetail } from '../../core/text/identifying-details';

describe('the identifying-details safety net on free text', () => {
  it.each([
    ['DOB 03/04/2019', 'a date of birth'],
    ['born on 3 April', 'a date of birth'],
    ['lives at WF1 2AB', 'a postcode'],
    ['NHS number 943 476 5919', 'an NHS or phone number'],
    ['call 01924 123456', 'a phone number'],
    ['mobile 07700 900123', 'a phone number'],
    ['ring 0113-496-0000', 'a phone number'],
    ['on +44 7700 900123', 'a phone number'],
    ['01924123456', 'a phone number'],
  ])('finds %s', (text, found) => {
    expect(identifyingDetail(text)).toBe(found);
  });

  it.each([
    'Audit information sharing at the front door for RR-2026-031.',
    'Due 2026-03-11; 15 working days; 3 agencies; 10 of 12 schools answered.',
    'Review LCSPR/2024/07 by 01/04/2027 and report to the Executive in Q2 2027.',
    'Train 120 staff across 45 schools by 2027.',
  ])('lets ordinary text through: %s', (text) => {
    expect(identifyingDetail(text)).toBeUndefined();
  });
});
