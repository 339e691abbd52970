import type { Kysely } from 'kysely';
import type { Person, Partnership } from '../../config/partnership/schema';
import type { Database } from '../db/schema';
import type { AdaptiveCardJson } from '../../cards/expand';

/** One press of a card button, from Teams (Action.Execute) or the emailed web form: the same path for both. */
export interface CardActionRequest {
  verb: string;
  /** Untrusted card data: each handler parses what it needs with zod. */
  data: unknown;
  person: Person;
  /** Set when the web form's token bound the action to one message. */
  boundMessageId?: string;
  channel: 'teams' | 'web';
}

export type CardActionResult =
  | { kind: 'card'; card: AdaptiveCardJson; message?: string }
  | { kind: 'error'; status: 400 | 403 | 404 | 409; message: string };

export interface CardActionDeps {
  db: Kysely<Database>;
  partnership: Partnership;
}

export type CardActionHandler = (deps: CardActionDeps, req: CardActionRequest) => Promise<CardActionResult>;
