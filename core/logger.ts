import pino, { type Logger } from 'pino';

export type { Logger };

/**
 * Structured logs: object first, message second, carrying IDs only — never
 * names, free text or card contents.
 */
export function createLogger(level: string, bindings: Record<string, string> = {}): Logger {
  return pino({ level, base: { ...bindings }, redact: ['*.email', '*.displayName', '*.text'] });
}
