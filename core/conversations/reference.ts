import { z } from 'zod';

const account = z.object({
  id: z.string().min(1),
  name: z.string().optional(),
  aadObjectId: z.string().optional(),
  role: z.string().optional(),
});

/**
 * The parts of a Bot Framework conversation reference that proactive messages
 * need. Validated on the way in (from an activity) and on the way out (from
 * the database), so a corrupt row is an error, not a crash deep in the SDK.
 */
export const conversationReferenceSchema = z.object({
  activityId: z.string().optional(),
  user: account.optional(),
  bot: account,
  conversation: z.object({
    id: z.string().min(1),
    conversationType: z.string().optional(),
    tenantId: z.string().optional(),
    isGroup: z.boolean().optional(),
    name: z.string().optional(),
  }),
  channelId: z.string().min(1),
  serviceUrl: z.url(),
  locale: z.string().optional(),
});

export type StoredConversationReference = z.infer<typeof conversationReferenceSchema>;
