import { TurnContext, type Activity } from 'botbuilder';
import {
  conversationReferenceSchema,
  type StoredConversationReference,
} from '../core/conversations/reference';

/** Converts the SDK's reference into the validated shape core stores. */
export function referenceFromActivity(activity: Activity): StoredConversationReference {
  const ref = TurnContext.getConversationReference(activity);
  const tenantId =
    activity.conversation?.tenantId ??
    (activity.channelData as { tenant?: { id?: string } } | undefined)?.tenant?.id;
  return conversationReferenceSchema.parse({
    ...ref,
    conversation: { ...ref.conversation, ...(tenantId ? { tenantId } : {}) },
  });
}
