import { z } from 'zod';
import { FORUM_TEXT_MAX } from '../../cards/forum/verbs';

const text = (label: string) =>
  z
    .string({ message: `${label}: expected text.` })
    .optional()
    .transform((v) => (v ?? '').trim())
    .refine((v) => v.length <= FORUM_TEXT_MAX, {
      message: `${label}: please keep this to ${FORUM_TEXT_MAX.toLocaleString('en-GB')} characters or fewer.`,
    });

/** What the opinion form sends, as untrusted card data. Every message names the field. */
export const answerInput = z.object({
  sessionId: z.uuid({ message: 'This form is missing its forum reference.' }),
  successes: text('Successes to share'),
  issues: text('Issues and concerns'),
  topics: text('Topics for the next forum'),
  usefulness: z
    .union([z.string(), z.number()], { message: 'How useful was the forum: choose a rating from 1 to 5.' })
    .transform((v) => (typeof v === 'number' ? v : v.trim() === '' ? NaN : Number(v)))
    .refine((v) => Number.isInteger(v) && v >= 1 && v <= 5, {
      message: 'How useful was the forum: choose a rating from 1 to 5.',
    }),
  consent: z
    .union([z.boolean(), z.enum(['true', 'false', ''])], {
      message: 'Consent to be contacted: expected yes or no.',
    })
    .optional()
    .transform((v) => v === true || v === 'true'),
});
export type AnswerInput = z.output<typeof answerInput>;

export function answerProblem(error: z.ZodError): string {
  return error.issues[0]?.message ?? 'The form sent something unexpected.';
}
