/**
 * Bank holidays from `date-holidays`, cached per (country, region, year).
 *
 * - Only holidays of `type: 'public'` are kept; observances such as Mother's Day are dropped.
 * - Substitute days (date-holidays marks them `substitute: true`, also with `type: 'public'`) are kept,
 *   e.g. 2021-12-27 "Christmas Day (substitute day)".
 * - Holidays whose nominal date falls on a Saturday or Sunday are left out: the day off is the substitute
 *   day, which matches the GOV.UK published list (e.g. 2022 lists 26 and 27 December, not the 25th).
 * - date-holidays is queried with a year number, never a Date object, so no time zone can shift a date.
 */
import Holidays from 'date-holidays';
import { isWeekend, toDayNumber } from './iso-date';

export interface BankHolidayRegion {
  /** ISO 3166-1 country code, e.g. 'GB'. */
  country: string;
  /** date-holidays state/region code, e.g. 'ENG', 'WLS', 'SCT', 'NIR'; '' for country-wide holidays only. */
  region: string;
}

export interface BankHoliday {
  date: string;
  name: string;
}

interface YearHolidays {
  list: readonly BankHoliday[];
  dates: ReadonlySet<string>;
}

const sources = new Map<string, Holidays>();
const years = new Map<string, YearHolidays>();

/** Normalises and validates a country/region pair, throwing a plain-language Error if unknown. */
export function normaliseRegion(config: BankHolidayRegion): BankHolidayRegion {
  if (config === null || typeof config !== 'object') {
    throw new Error(
      'invalid bank holiday setting: expected { country, region }, e.g. { country: "GB", region: "ENG" }',
    );
  }
  const { country, region } = config;
  if (typeof country !== 'string' || country.trim() === '') {
    throw new Error(
      `invalid bank holiday country ${JSON.stringify(country)}: expected a country code such as "GB"`,
    );
  }
  if (typeof region !== 'string') {
    throw new Error(
      `invalid bank holiday region ${JSON.stringify(region)}: expected a region code such as "ENG"`,
    );
  }
  const c = country.trim().toUpperCase();
  const r = region.trim().toUpperCase();
  const catalogue = new Holidays();
  if (!Object.prototype.hasOwnProperty.call(catalogue.getCountries(), c)) {
    throw new Error(`unknown bank holiday country "${country}": expected a country code such as "GB"`);
  }
  if (r !== '') {
    const states = catalogue.getStates(c) ?? {};
    if (!Object.prototype.hasOwnProperty.call(states, r)) {
      const known = Object.keys(states);
      const hint =
        known.length > 0 ? `one of ${known.join(', ')}` : 'an empty region (this country has none)';
      throw new Error(`unknown bank holiday region "${region}" for country "${c}": expected ${hint}`);
    }
  }
  return { country: c, region: r };
}

function sourceFor(country: string, region: string): Holidays {
  const key = `${country}/${region}`;
  let hd = sources.get(key);
  if (!hd) {
    hd = region === '' ? new Holidays(country) : new Holidays(country, region);
    sources.set(key, hd);
  }
  return hd;
}

function load(country: string, region: string, year: number): YearHolidays {
  const key = `${country}/${region}/${year}`;
  const cached = years.get(key);
  if (cached) return cached;
  const byDate = new Map<string, string[]>();
  for (const h of sourceFor(country, region).getHolidays(year)) {
    if (h.type !== 'public') continue;
    const date = h.date.slice(0, 10);
    if (isWeekend(toDayNumber(date))) continue;
    const names = byDate.get(date) ?? [];
    if (!names.includes(h.name)) names.push(h.name);
    byDate.set(date, names);
  }
  const list = [...byDate.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([date, names]) => Object.freeze({ date, name: names.join(' / ') }));
  const entry: YearHolidays = { list: Object.freeze(list), dates: new Set(byDate.keys()) };
  years.set(key, entry);
  return entry;
}

function checkYear(year: number): void {
  if (!Number.isInteger(year) || year < 1 || year > 9999) {
    throw new Error(`invalid year ${JSON.stringify(year)}: expected a whole number such as 2026`);
  }
}

/** Weekday bank holidays in `year`, sorted by date. `config` must already be normalised. */
export function bankHolidaysFor(config: BankHolidayRegion, year: number): readonly BankHoliday[] {
  checkYear(year);
  return load(config.country, config.region, year).list;
}

/** The set of weekday bank holiday dates ('YYYY-MM-DD') in `year`. `config` must already be normalised. */
export function bankHolidayDates(config: BankHolidayRegion, year: number): ReadonlySet<string> {
  checkYear(year);
  return load(config.country, config.region, year).dates;
}
