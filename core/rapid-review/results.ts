import type { CardActionResult } from '../actions/types';

export type ActionError = Extract<CardActionResult, { kind: 'error' }>;

export const bad = (message: string): ActionError => ({ kind: 'error', status: 400, message });
export const forbidden = (message: string): ActionError => ({ kind: 'error', status: 403, message });
export const notFound = (message: string): ActionError => ({ kind: 'error', status: 404, message });
export const conflict = (message: string): ActionError => ({ kind: 'error', status: 409, message });

export function isActionError(x: unknown): x is ActionError {
  return typeof x === 'object' && x !== null && (x as { kind?: unknown }).kind === 'error';
}

/** A plain string input from card data: absent, null and non-strings count as empty. */
export function textInput(data: Record<string, unknown>, id: string): string {
  const v = data[id];
  return typeof v === 'string' ? v : '';
}
