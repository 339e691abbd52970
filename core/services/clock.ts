import type { Env } from '../../config/env';

export type Clock = () => Date;

/** The real clock, or in local mode one that started at CLOCK_START and runs at normal speed. */
export function clockFor(env: Env, started: number = Date.now()): Clock {
  if (!env.CLOCK_START) return () => new Date();
  const offset = Date.parse(env.CLOCK_START) - started;
  return () => new Date(Date.now() + offset);
}
