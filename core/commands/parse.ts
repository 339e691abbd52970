import { COMMANDS, commandName } from './catalog';

export type ParsedCommand =
  { kind: 'command'; name: string; args: string[] } | { kind: 'unknown'; suggestion?: string };

/** Normalises chat text (mentions already removed) into a known command or a suggestion. */
export function parseCommand(text: string): ParsedCommand {
  const typedWords = text.trim().replace(/\s+/g, ' ').split(' ').filter(Boolean);
  const words = typedWords.map((w) => w.toLowerCase());
  const names = COMMANDS.map(commandName);
  // Longest command name first, so `rapid review status` wins over `rapid review`.
  for (const name of [...names].sort((a, b) => b.length - a.length)) {
    const parts = name.split(' ');
    if (parts.every((p, i) => words[i] === p))
      // Arguments keep their case: case references are upper-case.
      return { kind: 'command', name, args: typedWords.slice(parts.length) };
  }
  const typed = words.slice(0, 3).join(' ');
  const suggestion = closest(typed, names);
  return suggestion ? { kind: 'unknown', suggestion } : { kind: 'unknown' };
}

function closest(typed: string, names: string[]): string | undefined {
  let best: { name: string; distance: number } | undefined;
  for (const name of names) {
    const distance = levenshtein(typed.slice(0, name.length + 2), name);
    if (!best || distance < best.distance) best = { name, distance };
  }
  return best && best.distance <= Math.max(2, Math.floor(best.name.length / 3)) ? best.name : undefined;
}

function levenshtein(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    prev = cur;
  }
  return prev[b.length]!;
}
