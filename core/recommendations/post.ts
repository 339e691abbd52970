import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { conversationReferenceSchema, type StoredConversationReference } from '../conversations/reference';
import type { TeamsSender } from '../delivery/ports';
import type { Services } from '../services/services';
import { ACTION_MESSAGE_KINDS, stageMessages } from '../tracked-actions/messages';
import { queueFanOuts } from '../tracked-actions/tx';
import { loadRecommendationView, recommendationCard } from './render';
import { ROUTING_ACTOR } from './route';

/** The stored conversation of a subgroup's Teams channel (the bot was added to the team), if any. */
export async function channelReference(
  s: Pick<Services, 'db' | 'partnership' | 'directory'>,
  subgroupId: string,
): Promise<StoredConversationReference | undefined> {
  const channel = s.directory.subgroup(subgroupId)?.teamsChannel;
  if (!channel) return undefined;
  const row = await s.db
    .selectFrom('conversation_references')
    .select('reference')
    .where('partnership_id', '=', s.partnership.id)
    .where('conversation_type', '=', 'channel')
    .where('installed', '=', true)
    .where((eb) =>
      eb.or([
        eb('conversation_id', '=', channel.channelId),
        eb('conversation_id', 'like', sql<string>`${channel.channelId} || ';%'`),
      ]),
    )
    .orderBy('updated_at', 'desc')
    .executeTakeFirst();
  return row ? conversationReferenceSchema.parse(row.reference) : undefined;
}

export type PostOutcome = { posted: 'channel' | 'chairs' | 'already' | 'nothing' };

/**
 * Posts the routing card once per routing: to the owning subgroup's channel when the bot has its
 * conversation, else to the subgroup's chairs through sendMessage (Teams or email). The claim on the row
 * (message id or channel activity id) makes a retried job harmless.
 */
export async function postRecommendationCard(
  s: Services,
  teams: TeamsSender,
  recommendationId: string,
): Promise<PostOutcome> {
  const loaded = await loadRecommendationView(s, recommendationId);
  if (!loaded || !loaded.rec.subgroup_id) return { posted: 'nothing' };
  const { rec } = loaded;
  const subgroupId = loaded.rec.subgroup_id;
  if (rec.message_id || rec.channel_activity_id) return { posted: 'already' };
  const ref = await channelReference(s, subgroupId);
  if (ref) {
    const card = recommendationCard(s, rec, {
      messageId: '',
      history: loaded.history,
      dueDate: loaded.dueDate,
    });
    const sent = await teams.send(ref, {
      card,
      text: `${rec.case_reference ?? s.partnership.shortName}: recommendation`,
    });
    if (sent.kind === 'sent') {
      await s.db
        .updateTable('recommendations')
        .set({ channel_conversation_id: ref.conversation.id, channel_activity_id: sent.activityId ?? null })
        .where('id', '=', rec.id)
        .execute();
      return { posted: 'channel' };
    }
    if (sent.kind === 'throttled' || sent.kind === 'transient')
      throw new Error(`channel post failed: ${sent.kind}`);
    s.logger.warn(
      { recommendationId: rec.id, code: sent.code },
      'channel post refused; sending to the chairs',
    );
  }
  const chairs = s.directory.subgroup(subgroupId)?.chairs ?? [];
  const messageId = randomUUID();
  const prefix = rec.case_reference ?? s.partnership.shortName;
  const at = s.now();
  const claimed = await s.db.transaction().execute(async (trx) => {
    const claim = await trx
      .updateTable('recommendations')
      .set({ message_id: messageId })
      .where('id', '=', rec.id)
      .where('message_id', 'is', null)
      .executeTakeFirst();
    if (Number(claim.numUpdatedRows) === 0) return false;
    await trx
      .insertInto('recommendation_events')
      .values({
        recommendation_id: rec.id,
        at,
        actor: ROUTING_ACTOR,
        kind: 'card-sent',
        subgroup_id: subgroupId,
        text: null,
        message_id: messageId,
      })
      .execute();
    await stageMessages(trx, [
      {
        id: messageId,
        partnershipId: s.partnership.id,
        kind: ACTION_MESSAGE_KINDS.recommendation,
        caseReference: rec.case_reference,
        subject: `${prefix}: a recommendation has been routed to ${subgroupId}`,
        summary: `A review recommendation has been routed to ${subgroupId}. Please accept it or re-route it.`,
        card: recommendationCard(s, rec, {
          messageId,
          history: loaded.history,
          dueDate: loaded.dueDate,
        }),
        createdBy: ROUTING_ACTOR,
        recipients: chairs,
      },
    ]);
    return true;
  });
  if (!claimed) return { posted: 'already' };
  await queueFanOuts(s.queues, [messageId]);
  return { posted: 'chairs' };
}
