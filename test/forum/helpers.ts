import type { Services } from '../../core/services/services';

/** The same services with the clock fixed at `at` (to act at a chosen moment of the school year). */
export function at(s: Services, iso: string): Services {
  const when = new Date(iso);
  return { ...s, now: () => new Date(when) };
}

export const WAKEFIELD_DSLS = [
  'deputy-secondary-1',
  'dsl-primary-1',
  'dsl-primary-2',
  'dsl-secondary-1',
  'dsl-special-1',
] as const;

export function teamsReference(personId: string, serviceUrl: string) {
  return {
    bot: { id: '28:masa-bot' },
    user: { id: `29:${personId}` },
    conversation: { id: `a:${personId}`, conversationType: 'personal', tenantId: 'tenant-1' },
    channelId: 'msteams',
    serviceUrl,
  };
}
