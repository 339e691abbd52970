import { loadPartnershipFile, PRESET_NAMES } from '../../config/partnership/load';

describe('partnership presets', () => {
  it.each(PRESET_NAMES)('%s loads with no problems', (name) => {
    const p = loadPartnershipFile(name);
    expect(p.id).toBe(name);
    expect(p.subgroups.length).toBeGreaterThan(0);
    expect(p.people.every((person) => person.email.endsWith('.example'))).toBe(true);
  });

  it.each([
    ['wakefield', 'CSPRG'],
    ['north-yorkshire', 'LSPRG'],
    ['south-tees', 'LDWG'],
    ['norfolk', 'SPRG'],
    ['northumberland', 'CSPRG'],
  ])('%s runs Rapid Reviews in %s', (name, group) => {
    expect(loadPartnershipFile(name).rapidReview.runBy).toBe(group);
  });

  it('routes Wakefield recommendations as its arrangements describe', () => {
    const rules = Object.fromEntries(
      loadPartnershipFile('wakefield').routing.rules.map((r) => [r.category, r.subgroup]),
    );
    expect(rules).toMatchObject({
      assurance: 'CSPRG',
      'workforce-development': 'ILD',
      'systems-and-procedures': 'SEG',
    });
  });

  it('gives Northumberland adult reviews to SARG', () => {
    expect(loadPartnershipFile('northumberland').safeguardingAdultReviews?.runBy).toBe('SARG');
  });

  it('has every Wakefield subgroup the seed names', () => {
    const ids = loadPartnershipFile('wakefield').subgroups.map((g) => g.id);
    expect(ids).toEqual(expect.arrayContaining(['CSPRG', 'CDOP', 'MACE', 'ILD', 'SEG']));
  });
});
