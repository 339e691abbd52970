import type { Migration } from 'kysely';
import * as foundation from './0001_foundation';
import * as delivery from './0002_delivery';

/** Every migration, in order. Add new ones here; never edit one that has shipped. */
export const migrations: Record<string, Migration> = {
  '0001_foundation': foundation,
  '0002_delivery': delivery,
};
