import { createHmac, randomBytes } from 'node:crypto';

/** A fresh key for one form's respondent hashes; erased when the form closes. */
export function newRespondentSalt(): string {
  return randomBytes(32).toString('base64url');
}

/**
 * Names one person's answer to one open form without naming the person: a keyed hash, so a second
 * answer finds and replaces the first. Once the key is erased at closing, nothing links the two.
 */
export function respondentKey(salt: string, personId: string): string {
  return createHmac('sha256', salt).update(personId).digest('base64url');
}
