import pino, { type Logger } from 'pino';

export type { Logger };

/**
 * An error as logged: its kind, message, code and stack only. Database and HTTP errors carry more
 * (PostgreSQL's `detail` and `where`, PGlite's `params`, a response body), which can quote what a
 * practitioner typed.
 */
export function serializeError(e: unknown): Record<string, unknown> {
  if (!(e instanceof Error)) return { type: typeof e };
  const code = (e as { code?: unknown }).code;
  return {
    type: e.constructor.name || e.name,
    message: e.message,
    ...(typeof code === 'string' || typeof code === 'number' ? { code } : {}),
    stack: e.stack,
  };
}

/**
 * Structured logs: object first, message second, carrying IDs only — never
 * names, free text or card contents.
 */
export function createLogger(
  level: string,
  bindings: Record<string, string> = {},
  destination?: pino.DestinationStream,
): Logger {
  const options = {
    level,
    base: { ...bindings },
    redact: ['*.email', '*.displayName', '*.text'],
    serializers: { err: serializeError },
  };
  return destination ? pino(options, destination) : pino(options);
}
