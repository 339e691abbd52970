import { sendHelp } from '../routes/help';
import type { CommandHandler } from './types';

/**
 * The handler for each command name in core/commands/catalog.ts. A feature
 * adds its commands to the catalog (usage, description, roles) and here.
 */
export const commandHandlers: Record<string, CommandHandler> = {
  help: (ctx, turn) => sendHelp(ctx, turn),
};
