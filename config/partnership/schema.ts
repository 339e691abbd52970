import { z } from 'zod';

/**
 * The shape of a partnership file. Structure, names, rules and ladders come from
 * here, never from code. Cross-references (chairs exist, routing targets exist,
 * ladder order) are checked afterwards in `cross-checks.ts`.
 */

const id = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9][A-Za-z0-9_-]*$/, 'use letters, digits, "-" or "_" only');

const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date as YYYY-MM-DD')
  .refine(
    (s) =>
      !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s),
    {
      message: 'not a real calendar date',
    },
  );

const clockTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'expected a time as HH:MM (24-hour)');

const timeZone = z.string().refine(
  (tz) => {
    try {
      new Intl.DateTimeFormat('en-GB', { timeZone: tz });
      return true;
    } catch {
      return false;
    }
  },
  { message: 'not a known IANA time zone' },
);

export const ROLES = [
  'business-unit-manager',
  'business-unit',
  'education-advisor',
  'executive',
  'partnership-chair',
  'scrutineer',
  'agency-lead',
  'practitioner',
  'dsl',
] as const;
export type Role = (typeof ROLES)[number];

export const personSchema = z.strictObject({
  id,
  displayName: z.string().min(1).max(120),
  email: z.email(),
  entraObjectId: z.uuid().optional(),
  agency: id,
  roles: z.array(z.enum(ROLES)).default([]),
});

export const agencySchema = z.strictObject({
  id,
  name: z.string().min(1).max(160),
  /** Statutory safeguarding partner (council, health/ICB, police). */
  statutoryPartner: z.boolean().default(false),
});

export const meetingCadenceSchema = z.strictObject({
  perYear: z.number().int().min(1).max(52),
  lengthMinutes: z
    .number()
    .int()
    .min(15)
    .max(8 * 60),
});

export const subgroupSchema = z.strictObject({
  id,
  name: z.string().min(1).max(160),
  purpose: z.string().min(1).max(2000),
  chairs: z.array(id).min(1),
  members: z.array(id).default([]),
  teamsChannel: z
    .strictObject({
      teamId: z.string().min(1),
      channelId: z.string().min(1),
    })
    .optional(),
  meetings: meetingCadenceSchema.optional(),
});

export const SCHOOL_PHASES = [
  'early-years',
  'primary',
  'secondary',
  'all-through',
  'special',
  'alternative-provision',
  'post-16',
  'independent',
] as const;

export const schoolSchema = z.strictObject({
  id,
  name: z.string().min(1).max(200),
  phase: z.enum(SCHOOL_PHASES),
  dsl: id,
  deputies: z.array(id).default([]),
});

export const rapidReviewSchema = z.strictObject({
  runBy: id,
  panelDeadlineWorkingDays: z.number().int().min(1).max(60).default(15),
  agencyResponseWorkingDays: z.number().int().min(1).max(30).default(5),
});

export const routingSchema = z.strictObject({
  categories: z
    .array(
      z.strictObject({
        id,
        label: z.string().min(1).max(120),
      }),
    )
    .min(1),
  rules: z.array(z.strictObject({ category: id, subgroup: id })).min(1),
  /** Working days the owning subgroup has to complete the action a routed recommendation creates. */
  actionDueWorkingDays: z.number().int().min(1).max(260).default(60),
});

export const LADDER_AUDIENCES = ['owner', 'subgroup-chair', 'business-unit-manager', 'executive'] as const;

export const escalationSchema = z.strictObject({
  remindBeforeWorkingDays: z.array(z.number().int().min(1).max(30)).default([3, 1]),
  ladder: z
    .array(
      z.strictObject({
        afterWorkingDays: z.number().int().min(0).max(120),
        notify: z.enum(LADDER_AUDIENCES),
      }),
    )
    .min(1),
});

export const forumSchema = z.strictObject({
  name: z.string().min(1).max(160),
  cadence: z.enum(['half-termly', 'termly', 'annual']),
  responseWorkingDays: z.number().int().min(1).max(30).default(10),
  reminderWorkingDays: z.array(z.number().int().min(1).max(30)).default([5, 8]),
  anonymous: z.boolean().default(false),
  includeDeputies: z.boolean().default(false),
  themes: z
    .array(z.strictObject({ id, label: z.string().min(1), keywords: z.array(z.string().min(1)).min(1) }))
    .default([]),
  terms: z
    .array(
      z.strictObject({
        name: z.string().min(1),
        start: isoDate,
        end: isoDate,
        /** The half-term holiday inside the term; without it a half-termly forum splits the term at its middle working day. */
        halfTermBreak: z.strictObject({ start: isoDate, end: isoDate }).optional(),
      }),
    )
    .default([]),
});

/** Meeting booking (issue 7): where a Rapid Review meeting must fall, and how slots are offered. */
export const meetingSettingsSchema = z.strictObject({
  /** A Rapid Review meeting window ends this many working days before the Panel deadline. */
  rapidReviewEndsBeforePanelWorkingDays: z.number().int().min(0).max(30).default(2),
  /** When nothing else sets it, the window runs this many working days from the next working day. */
  defaultWindowWorkingDays: z.number().int().min(1).max(60).default(10),
  /** Candidate start times step by this many minutes inside working hours. */
  slotStepMinutes: z.number().int().min(5).max(120).default(30),
});

export const partnershipSchema = z.strictObject({
  id,
  name: z.string().min(1).max(200),
  shortName: z.string().min(1).max(20),
  timeZone: timeZone.default('Europe/London'),
  bankHolidays: z
    .strictObject({
      country: z.string().length(2).default('GB'),
      region: z.string().min(1).max(10).default('ENG'),
    })
    .default({ country: 'GB', region: 'ENG' }),
  closureDays: z.array(isoDate).default([]),
  workingHours: z
    .strictObject({ start: clockTime, end: clockTime })
    .default({ start: '09:00', end: '17:00' }),
  microsoft: z
    .strictObject({
      tenantId: z.uuid().optional(),
      organiserMailbox: z.email().optional(),
      senderMailbox: z.email().optional(),
    })
    .default({}),
  retention: z.strictObject({ caseYears: z.number().int().min(1).max(99) }).default({ caseYears: 7 }),
  agencies: z.array(agencySchema).min(1),
  people: z.array(personSchema).min(1),
  subgroups: z.array(subgroupSchema).min(1),
  executive: z.strictObject({
    name: z.string().min(1).max(160),
    meetings: meetingCadenceSchema.optional(),
  }),
  schools: z.array(schoolSchema).default([]),
  rapidReview: rapidReviewSchema,
  safeguardingAdultReviews: z.strictObject({ runBy: id }).optional(),
  routing: routingSchema,
  escalation: escalationSchema,
  forum: forumSchema.optional(),
  meetings: meetingSettingsSchema.default({
    rapidReviewEndsBeforePanelWorkingDays: 2,
    defaultWindowWorkingDays: 10,
    slotStepMinutes: 30,
  }),
});

export type Partnership = z.infer<typeof partnershipSchema>;
export type PartnershipInput = z.input<typeof partnershipSchema>;
export type Person = z.infer<typeof personSchema>;
export type Subgroup = z.infer<typeof subgroupSchema>;
export type School = z.infer<typeof schoolSchema>;
export type LadderAudience = (typeof LADDER_AUDIENCES)[number];
