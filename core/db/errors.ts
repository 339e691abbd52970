/** PostgreSQL's unique_violation: another writer recorded the same row first. */
export function isUniqueViolation(e: unknown): boolean {
  return typeof e === 'object' && e !== null && (e as { code?: unknown }).code === '23505';
}
