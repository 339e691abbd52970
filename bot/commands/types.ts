import type { TurnContext } from 'botbuilder';
import type { Person } from '../../config/partnership/schema';
import type { BotContext } from '../bot-context';

/** A typed command after parsing: who typed it, and the words after the command name. */
export interface CommandCall {
  person: Person;
  args: string[];
  /** The text as typed (mention removed), for commands that take free text. */
  text: string;
}

export type CommandHandler = (ctx: BotContext, turn: TurnContext, call: CommandCall) => Promise<void>;
