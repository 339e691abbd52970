import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { appendAudit } from '../audit/append';
import { conversationReferenceSchema, type StoredConversationReference } from '../conversations/reference';
import type { TeamsSender } from '../delivery/ports';
import type { Services } from '../services/services';
import { ACTION_MESSAGE_KINDS, stageMessages } from '../tracked-actions/messages';
import { queueFanOuts } from '../tracked-actions/tx';
import { loadRecommendationView, recommendationCard } from './render';
import { ROUTING_ACTOR } from './route';
import { NO_ACTIVITY_ID } from '../delivery/outcome';

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

export type PostOutcome =
  | { posted: 'channel' | 'chairs' | 'already' | 'nothing' | 'unconfirmed' }
  /** The channel refused the post for now (429): try again after `retryAfterMs` (null: back off). */
  | { posted: 'throttled'; retryAfterMs: number | null };

/**
 * Posts the routing card once per routing: to the owning subgroup's channel when the bot has its
 * conversation, else to the subgroup's chairs through sendMessage (Teams or email).
 *
 * A channel post is claimed on the row before it is sent (`channel_conversation_id` set, no activity id
 * yet) and recorded after (`channel_activity_id`). A claim found without its activity id was left by a job
 * that was posting (it crashed, or the Connector accepted the post without an id): the card may be in the
 * channel, so it is left unconfirmed and never posted again, neither in the channel nor to the chairs. A
 * post the channel refused gives the claim back (throttled: retry when told; transient: retry; refused for
 * good: the chairs instead). A re-route clears the claim, so the new subgroup gets its own card.
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
  if (rec.channel_conversation_id) {
    s.logger.warn(
      { recommendationId: rec.id },
      'channel card unconfirmed: a post was started but not recorded, so it is not posted again',
    );
    return { posted: 'unconfirmed' };
  }
  const ref = await channelReference(s, subgroupId);
  if (ref) {
    const unclaimed = () =>
      s.db
        .updateTable('recommendations')
        .where('id', '=', rec.id)
        .where('subgroup_id', '=', subgroupId)
        .where('channel_activity_id', 'is', null);
    const claim = await unclaimed()
      .set({ channel_conversation_id: ref.conversation.id })
      .where('message_id', 'is', null)
      .where('channel_conversation_id', 'is', null)
      .executeTakeFirst();
    if (Number(claim.numUpdatedRows) === 0) return { posted: 'already' };
    const mine = () => unclaimed().where('channel_conversation_id', '=', ref.conversation.id);
    const card = recommendationCard(s, rec, {
      messageId: '',
      history: loaded.history,
      dueDate: loaded.dueDate,
    });
    // Should the send throw, the claim stays: the post may have gone out, so it is not made again.
    const sent = await teams.send(ref, {
      card,
      text: `${rec.case_reference ?? s.partnership.shortName}: recommendation`,
    });
    if (sent.kind === 'sent' && sent.activityId) {
      await mine().set({ channel_activity_id: sent.activityId }).execute();
      return { posted: 'channel' };
    }
    if (sent.kind === 'sent' || (sent.kind === 'permanent' && sent.code === NO_ACTIVITY_ID)) {
      // Accepted, so the card is in the channel, but without its id it cannot be updated: it stays claimed.
      s.logger.warn(
        { recommendationId: rec.id, code: `TEAMS_${NO_ACTIVITY_ID}` },
        'channel post accepted without an activity id; the card will not update and is not sent again',
      );
      await appendAudit(s.db, {
        partnershipId: s.partnership.id,
        actor: ROUTING_ACTOR,
        action: 'recommendation.channel-card-unconfirmed',
        subjectType: 'recommendation',
        subjectId: rec.id,
        details: { subgroupId, code: `TEAMS_${NO_ACTIVITY_ID}` },
      });
      return { posted: 'unconfirmed' };
    }
    // Refused: nothing was posted, so the claim is given back for the retry (or the chairs).
    await mine().set({ channel_conversation_id: null }).execute();
    if (sent.kind === 'throttled') return { posted: 'throttled', retryAfterMs: sent.retryAfterMs };
    if (sent.kind === 'transient') throw new Error(`channel post failed: ${sent.code}`);
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
      .where('subgroup_id', '=', subgroupId)
      .where('message_id', 'is', null)
      .where('channel_conversation_id', 'is', null)
      .where('channel_activity_id', 'is', null)
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
