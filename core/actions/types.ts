import type { Person } from '../../config/partnership/schema';
import type { AdaptiveCardJson } from '../../cards/expand';
import type { Services } from '../services/services';

/** One press of a card button, from Teams (Action.Execute) or the emailed web form: the same path for both. */
export interface CardActionRequest {
  verb: string;
  /** Untrusted card data: each handler parses what it needs with zod. */
  data: unknown;
  /** Who pressed it, from the directory (never from card data). */
  person: Person;
  /** Set when the web form's token bound the action to one message. */
  boundMessageId?: string;
  channel: 'teams' | 'web';
  /** Teams only: the button was pressed by Teams itself to refresh the card (`refresh.action`). */
  automatic?: boolean;
}

export type CardActionResult =
  | {
      kind: 'card';
      card: AdaptiveCardJson;
      message?: string;
      /**
       * The web form's link stays usable after this answer (e.g. "save draft"); by default a
       * link is used up by its first accepted answer.
       */
      keepLinkOpen?: boolean;
    }
  | { kind: 'error'; status: 400 | 403 | 404 | 409; message: string };

/** Card actions run with the host's services; in the web form `db` is the submission's transaction. */
export type CardActionDeps = Services;

export type CardActionHandler = (deps: CardActionDeps, req: CardActionRequest) => Promise<CardActionResult>;

/**
 * How a message of one kind looks to one person now: used for Teams `refresh`
 * (each viewer sees their own version), for card updates after a change, and
 * for the web form page. `undefined` means "show the card as sent".
 */
export type CardView = (
  deps: CardActionDeps,
  view: {
    messageId: string;
    person: Person;
    channel: 'teams' | 'web';
    /** The person asked for the card (a Teams refresh as they open it); false when a job pushes it to them. */
    requested: boolean;
  },
) => Promise<AdaptiveCardJson | undefined>;
