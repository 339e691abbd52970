/**
 * Teams' documented per-bot, per-conversation limits (DESIGN.md section 4):
 * 7 messages a second, 8 in 2 s, 60 in 30 s, 1800 an hour.
 */
export interface RateWindow {
  ms: number;
  max: number;
}

export const TEAMS_CONVERSATION_WINDOWS: readonly RateWindow[] = [
  { ms: 1_000, max: 7 },
  { ms: 2_000, max: 8 },
  { ms: 30_000, max: 60 },
  { ms: 3_600_000, max: 1_800 },
];
