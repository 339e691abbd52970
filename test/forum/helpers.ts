import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parse, stringify } from 'yaml';
import { resolvePartnershipFile } from '../../config/partnership/load';
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

/** A copy of the Wakefield preset with its forum settings changed, as a file for PARTNERSHIP. */
export function wakefieldForum(forum: Record<string, unknown>): string {
  const doc = parse(readFileSync(resolvePartnershipFile('wakefield'), 'utf8')) as {
    forum: Record<string, unknown>;
  };
  doc.forum = { ...doc.forum, ...forum };
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'masa-forum-')), 'wakefield.yaml');
  writeFileSync(file, stringify(doc));
  return file;
}

/** Answers of a known data set (Wakefield's four schools; the special school does not answer). */
export const KNOWN_ANSWERS: Array<[string, Record<string, unknown>]> = [
  [
    'dsl-primary-1',
    {
      successes: 'Example Primary School 1 worked well with the Safeguarding education advisor.',
      issues:
        'Online bullying on social media is rising; a referral to the front door was slow. Call me on 01924 123456 or dsl-primary-1@wakefield.example.',
      topics: 'Sextortion',
      usefulness: '5',
      consent: 'true',
    },
  ],
  [
    'dsl-secondary-1',
    {
      issues: 'Anxiety and self-harm among Year 9 at Example Academy.',
      topics: 'CAMHS waiting lists',
      usefulness: '3',
      consent: 'false',
    },
  ],
  [
    'deputy-secondary-1',
    { issues: 'Transport costs for DSL, Example Academy staff.', usefulness: '4', consent: 'true' },
  ],
  ['dsl-primary-2', { topics: 'Attendance', usefulness: '2' }],
];
