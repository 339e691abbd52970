import Holidays from 'date-holidays';
import type { Partnership, Role } from './schema';
import type { ConfigProblem } from './issue-path';

/**
 * Checks that need the whole file: references between people, subgroups,
 * schools and rules, duplicates, and ladder order. Returns every problem.
 */
export function crossCheck(p: Partnership): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  const add = (path: string, message: string) => problems.push({ path, message });

  const duplicates = (items: ReadonlyArray<{ id: string }>, where: string) => {
    const seen = new Set<string>();
    items.forEach((item, i) => {
      if (seen.has(item.id)) add(`${where}[${i}].id`, `duplicate id "${item.id}"`);
      seen.add(item.id);
    });
    return seen;
  };

  const agencies = duplicates(p.agencies, 'agencies');
  const people = duplicates(p.people, 'people');
  const subgroups = duplicates(p.subgroups, 'subgroups');
  duplicates(p.schools, 'schools');
  const categories = duplicates(p.routing.categories, 'routing.categories');

  const personById = new Map(p.people.map((person) => [person.id, person]));
  const emails = new Map<string, number>();
  p.people.forEach((person, i) => {
    if (!agencies.has(person.agency)) add(`people[${i}].agency`, `unknown agency "${person.agency}"`);
    const email = person.email.toLowerCase();
    const first = emails.get(email);
    if (first !== undefined) add(`people[${i}].email`, `"${person.email}" is also used by people[${first}]`);
    else emails.set(email, i);
  });

  const knownPerson = (path: string, personId: string, as: string) => {
    if (!people.has(personId)) add(path, `unknown person "${personId}" as ${as}`);
  };

  p.subgroups.forEach((g, i) => {
    g.chairs.forEach((c, j) => knownPerson(`subgroups[${i}].chairs[${j}]`, c, 'chair'));
    g.members.forEach((m, j) => knownPerson(`subgroups[${i}].members[${j}]`, m, 'member'));
  });

  p.schools.forEach((s, i) => {
    knownPerson(`schools[${i}].dsl`, s.dsl, 'DSL');
    const dsl = personById.get(s.dsl);
    if (dsl && !dsl.roles.includes('dsl'))
      add(`schools[${i}].dsl`, `person "${s.dsl}" does not have the role "dsl"`);
    s.deputies.forEach((d, j) => knownPerson(`schools[${i}].deputies[${j}]`, d, 'deputy DSL'));
  });

  if (!subgroups.has(p.rapidReview.runBy))
    add('rapidReview.runBy', `unknown subgroup "${p.rapidReview.runBy}"`);
  if (p.safeguardingAdultReviews && !subgroups.has(p.safeguardingAdultReviews.runBy))
    add('safeguardingAdultReviews.runBy', `unknown subgroup "${p.safeguardingAdultReviews.runBy}"`);

  const owned = new Map<string, number>();
  p.routing.rules.forEach((rule, i) => {
    if (!subgroups.has(rule.subgroup))
      add(`routing.rules[${i}].subgroup`, `unknown subgroup "${rule.subgroup}"`);
    if (!categories.has(rule.category))
      add(`routing.rules[${i}].category`, `unknown category "${rule.category}"`);
    const first = owned.get(rule.category);
    if (first !== undefined)
      add(
        `routing.rules[${i}].category`,
        `category "${rule.category}" already routed by routing.rules[${first}]`,
      );
    else owned.set(rule.category, i);
  });
  p.routing.categories.forEach((c, i) => {
    if (!owned.has(c.id))
      add(`routing.categories[${i}]`, `category "${c.id}" has no owning subgroup in routing.rules`);
  });

  p.escalation.ladder.forEach((step, i) => {
    const prev = p.escalation.ladder[i - 1];
    if (prev && step.afterWorkingDays <= prev.afterWorkingDays)
      add(
        `escalation.ladder[${i}].afterWorkingDays`,
        `steps must be in increasing order (${step.afterWorkingDays} is not after ${prev.afterWorkingDays})`,
      );
  });

  const byRole = (role: Role) => p.people.filter((person) => person.roles.includes(role));
  if (byRole('business-unit-manager').length === 0)
    add('people', 'no person has the role "business-unit-manager" (the escalation ladder needs one)');
  if (byRole('executive').length === 0) add('people', 'no person has the role "executive"');
  if (byRole('scrutineer').length > 1) add('people', 'more than one person has the role "scrutineer"');

  const [startH, startM] = p.workingHours.start.split(':').map(Number);
  const [endH, endM] = p.workingHours.end.split(':').map(Number);
  if ((startH ?? 0) * 60 + (startM ?? 0) >= (endH ?? 0) * 60 + (endM ?? 0))
    add('workingHours.end', `must be later than workingHours.start (${p.workingHours.start})`);

  const { country, region } = p.bankHolidays;
  const states = new Holidays().getStates(country);
  if (!new Holidays().getCountries()[country]) add('bankHolidays.country', `unknown country "${country}"`);
  else if (!states || !(region in states))
    add('bankHolidays.region', `unknown region "${region}" for ${country}`);

  p.forum?.terms.forEach((t, i) => {
    if (t.end < t.start) add(`forum.terms[${i}].end`, `ends (${t.end}) before it starts (${t.start})`);
  });

  return problems;
}
