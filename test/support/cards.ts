// jest.config.js maps 'adaptivecards' to its UMD build, which parses cards in Node without a DOM.
import * as AC from 'adaptivecards';

/** Parses a card with the official adaptivecards parser targeting v1.5 and returns every warning or error. */
export function adaptiveCardProblems(card: unknown): string[] {
  const ctx = new AC.SerializationContext(AC.Versions.v1_5);
  const parsed = new AC.AdaptiveCard();
  parsed.parse(card as object, ctx);
  const problems: string[] = [];
  for (let i = 0; i < ctx.eventCount; i++) problems.push(ctx.getEventAt(i).message);
  const version = (card as { version?: unknown }).version;
  if (version !== '1.5') problems.push(`version is ${String(version)}, expected 1.5`);
  return problems;
}
