import type { Partnership, Person, Role, Subgroup } from '../../config/partnership/schema';

/** Read-only look-ups over the partnership file's people and subgroups. */
export class Directory {
  private readonly byId: Map<string, Person>;
  private readonly byEmail: Map<string, Person>;
  private readonly byEntraId: Map<string, Person>;

  constructor(readonly partnership: Partnership) {
    this.byId = new Map(partnership.people.map((p) => [p.id, p]));
    this.byEmail = new Map(partnership.people.map((p) => [p.email.toLowerCase(), p]));
    this.byEntraId = new Map(
      partnership.people.filter((p) => p.entraObjectId).map((p) => [p.entraObjectId!.toLowerCase(), p]),
    );
  }

  person(id: string): Person | undefined {
    return this.byId.get(id);
  }

  /** Finds the person behind a Teams or email sender, by Entra object id first, then email. */
  identify(who: { aadObjectId?: string; email?: string }): Person | undefined {
    const byEntra = who.aadObjectId ? this.byEntraId.get(who.aadObjectId.toLowerCase()) : undefined;
    return byEntra ?? (who.email ? this.byEmail.get(who.email.toLowerCase()) : undefined);
  }

  withRole(role: Role): Person[] {
    return this.partnership.people.filter((p) => p.roles.includes(role));
  }

  subgroup(id: string): Subgroup | undefined {
    return this.partnership.subgroups.find((g) => g.id === id);
  }

  subgroupsChairedBy(personId: string): Subgroup[] {
    return this.partnership.subgroups.filter((g) => g.chairs.includes(personId));
  }

  subgroupsOf(personId: string): Subgroup[] {
    return this.partnership.subgroups.filter(
      (g) => g.chairs.includes(personId) || g.members.includes(personId),
    );
  }
}
