import { z } from 'zod';

const optionalNonEmpty = z
  .string()
  .optional()
  .transform((v) => (v === undefined || v.trim() === '' ? undefined : v.trim()));

const url = (protocols: string[]) =>
  z
    .string()
    .trim()
    .refine(
      (v) => {
        try {
          return protocols.includes(new URL(v).protocol);
        } catch {
          return false;
        }
      },
      { message: `expected a URL starting with ${protocols.map((p) => `${p}//`).join(' or ')}` },
    );

const optionalUrl = (protocols: string[]) =>
  z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? undefined : v), url(protocols).optional());

export const envSchema = z
  .object({
    NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    HOST: z.string().min(1).default('127.0.0.1'),
    PORT: z.coerce.number().int().min(0).max(65535).default(3978),
    PUBLIC_BASE_URL: url(['http:', 'https:']).default('http://127.0.0.1:3978'),
    PARTNERSHIP: z.string().min(1).default('wakefield'),
    DATABASE_URL: optionalUrl(['postgres:', 'postgresql:']),
    EMBEDDED_DB_DIR: z.string().min(1).default('.data/pglite'),
    REDIS_URL: optionalUrl(['redis:', 'rediss:']),
    QUEUE_PREFIX: z
      .string()
      .regex(/^[a-z0-9-]+$/, 'use lower-case letters, digits and "-"')
      .default('masa'),
    MICROSOFT_APP_ID: optionalNonEmpty,
    MICROSOFT_APP_PASSWORD: optionalNonEmpty,
    MICROSOFT_APP_TYPE: z.enum(['MultiTenant', 'SingleTenant', 'UserAssignedMSI']).default('MultiTenant'),
    MICROSOFT_APP_TENANT_ID: optionalNonEmpty,
    /** Signs the links to web forms in emails; at least 32 characters. Required outside local mode. */
    FORM_TOKEN_SECRET: z.preprocess(
      (v) => (typeof v === 'string' && v.trim() === '' ? undefined : v),
      z.string().min(32, 'must be at least 32 characters').optional(),
    ),
    FORM_LINK_DAYS: z.coerce.number().int().min(1).max(60).default(14),
    GRAPH_CLIENT_ID: optionalNonEmpty,
    GRAPH_CLIENT_SECRET: optionalNonEmpty,
    /** A PEM file holding the app's certificate and private key (instead of GRAPH_CLIENT_SECRET). */
    GRAPH_CLIENT_CERTIFICATE_PATH: optionalNonEmpty,
    /**
     * Local mode only: meeting booking talks to an in-process fake Graph on 127.0.0.1 (free/busy and
     * events from a small in-memory calendar), so `npm run dev` can book without a tenant.
     */
    GRAPH_FAKE: z
      .enum(['true', 'false', ''])
      .default('false')
      .transform((v) => v === 'true'),
    /** In-process retries of a throttled (429, honouring Retry-After) or unavailable Graph calendar call. */
    GRAPH_MAX_RETRIES: z.coerce.number().int().min(0).max(10).default(3),
    GRAPH_BASE_URL: url(['https:', 'http:']).default('https://graph.microsoft.com/v1.0'),
    GRAPH_AUTHORITY_URL: url(['https:', 'http:']).default('https://login.microsoftonline.com'),
    /** The app's id in the tenant app catalog, for proactive installs (it goes into Graph URLs and filters). */
    TEAMS_CATALOG_APP_ID: optionalNonEmpty.pipe(
      z.guid('expected the app catalog id, a GUID such as 1542629c-01b3-4a6d-8f76-1938b779e48d').optional(),
    ),
    TEAMS_SERVICE_URL: url(['https:', 'http:']).default('https://smba.trafficmanager.net/uk/'),
    /** Teams sends per second for the whole app (Teams allows about 50 per tenant). */
    TEAMS_APP_RPS: z.coerce.number().int().min(1).max(1000).default(50),
    DELIVERY_CONCURRENCY: z.coerce.number().int().min(1).max(200).default(20),
    /** How long a worker holds a job before BullMQ treats it as stalled (its process died) and retries it. */
    JOB_LOCK_MS: z.coerce.number().int().min(1000).max(600_000).default(30_000),
    CARD_REFRESH_POLL_MS: z.coerce.number().int().min(20).max(60_000).default(200),
    /**
     * Local mode only: the bot and workers behave as if the time now were this moment (ISO 8601),
     * and time moves on from there; for trying reminders and escalations without waiting days.
     */
    CLOCK_START: z.preprocess(
      (v) => (typeof v === 'string' && v.trim() === '' ? undefined : v),
      z.iso
        .datetime({ offset: true, message: 'expected an ISO 8601 time such as 2026-12-01T09:00:00Z' })
        .optional(),
    ),
  })
  .superRefine((env, ctx) => {
    const local = env.MICROSOFT_APP_ID === undefined;
    if (local && env.NODE_ENV === 'production') {
      ctx.addIssue({
        code: 'custom',
        path: ['MICROSOFT_APP_ID'],
        message: 'is required when NODE_ENV=production (local mode accepts unauthenticated activities)',
      });
    }
    if (!local && env.MICROSOFT_APP_TYPE !== 'UserAssignedMSI' && !env.MICROSOFT_APP_PASSWORD) {
      ctx.addIssue({
        code: 'custom',
        path: ['MICROSOFT_APP_PASSWORD'],
        message: `is required for MICROSOFT_APP_TYPE=${env.MICROSOFT_APP_TYPE}`,
      });
    }
    if (!local && !env.FORM_TOKEN_SECRET) {
      ctx.addIssue({
        code: 'custom',
        path: ['FORM_TOKEN_SECRET'],
        message: 'is required outside local mode',
      });
    }
    if (!local && env.CLOCK_START) {
      ctx.addIssue({ code: 'custom', path: ['CLOCK_START'], message: 'is only allowed in local mode' });
    }
    const graphCredential =
      env.GRAPH_CLIENT_SECRET !== undefined || env.GRAPH_CLIENT_CERTIFICATE_PATH !== undefined;
    if ((env.GRAPH_CLIENT_ID === undefined) === graphCredential) {
      ctx.addIssue({
        code: 'custom',
        path: [env.GRAPH_CLIENT_ID ? 'GRAPH_CLIENT_SECRET' : 'GRAPH_CLIENT_ID'],
        message: 'GRAPH_CLIENT_ID and GRAPH_CLIENT_SECRET (or GRAPH_CLIENT_CERTIFICATE_PATH) go together',
      });
    }
    if (!local && env.GRAPH_FAKE) {
      ctx.addIssue({ code: 'custom', path: ['GRAPH_FAKE'], message: 'is only allowed in local mode' });
    }
    if (!local && env.MICROSOFT_APP_TYPE !== 'MultiTenant' && !env.MICROSOFT_APP_TENANT_ID) {
      ctx.addIssue({
        code: 'custom',
        path: ['MICROSOFT_APP_TENANT_ID'],
        message: `is required for MICROSOFT_APP_TYPE=${env.MICROSOFT_APP_TYPE}`,
      });
    }
  });

export type Env = z.infer<typeof envSchema>;

export class EnvError extends Error {
  readonly code = 'ENV_INVALID';
  constructor(readonly problems: string[]) {
    super(`Invalid environment:\n${problems.map((p) => `  ${p}`).join('\n')}`);
  }
}

/** Parses the environment once; throws EnvError listing every bad variable by name. */
export function parseEnv(source: Record<string, string | undefined>): Env {
  const result = envSchema.safeParse(source);
  if (!result.success) {
    throw new EnvError(
      result.error.issues.map((i) => `${i.path.map(String).join('.') || '(environment)'}: ${i.message}`),
    );
  }
  return result.data;
}

/** Local mode signs form links with a fixed development secret; production config must set its own. */
const LOCAL_FORM_SECRET = 'masa-bot local development form-link secret, never for production';

export function formTokenSecret(env: Env): string {
  return env.FORM_TOKEN_SECRET ?? LOCAL_FORM_SECRET;
}

export function isLocalMode(env: Env): boolean {
  return env.MICROSOFT_APP_ID === undefined;
}

let loaded: Env | undefined;

/** The process environment, parsed on first use and then fixed. */
export function loadEnv(): Env {
  loaded ??= parseEnv(process.env);
  return loaded;
}
