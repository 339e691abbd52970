import type { Person } from '../../config/partnership/schema';
import { buildRecommendationCard } from '../../cards/recommendation';
import type { AdaptiveCardJson } from '../../cards/expand';
import type { RecommendationEventsTable, RecommendationRow, RecommendationStage } from '../db/tables/actions';
import type { Selectable } from 'kysely';
import type { Services } from '../services/services';
import { formatDate } from '../tracked-actions/render';
import { chairsOf, isBusinessUnit } from '../tracked-actions/people';
import type { Directory } from '../directory/directory';

type RenderDeps = Pick<Services, 'partnership' | 'directory'>;

export const STAGE_LABELS: Record<RecommendationStage, string> = {
  submitted: 'Submitted',
  routed: 'Routed, awaiting the chair',
  accepted: 'Accepted',
  'in-progress': 'In progress',
  'evidenced-complete': 'Evidenced complete',
  'impact-reviewed': 'Impact reviewed',
};

const SOURCE_LABELS: Record<string, string> = {
  'rapid-review': 'Rapid Review',
  cspr: 'Child Safeguarding Practice Review',
  audit: 'Audit',
  manual: 'Entered by hand',
};

/** Accept or re-route: the chairs of the subgroup it is routed to, and the business unit. */
export function canRoute(
  directory: Directory,
  person: Person,
  rec: Pick<RecommendationRow, 'subgroup_id'>,
): boolean {
  return (
    isBusinessUnit(person) ||
    (rec.subgroup_id !== null && chairsOf(directory, rec.subgroup_id).includes(person.id))
  );
}

/** Record the impact review: the business unit and the group that holds the assurance events (runs Rapid Reviews). */
export function canReviewImpact(directory: Directory, person: Person, runBy: string): boolean {
  const g = directory.subgroup(runBy);
  return (
    isBusinessUnit(person) || Boolean(g && (g.chairs.includes(person.id) || g.members.includes(person.id)))
  );
}

export function recommendationCard(
  d: RenderDeps,
  rec: RecommendationRow,
  opts: {
    messageId: string;
    viewer?: Person;
    history: Array<Selectable<RecommendationEventsTable>>;
    dueDate?: string;
    /** Teams user ids (core/conversations/teams-user-ids.ts) of the people who hold this card. */
    refreshUserIds?: string[];
  },
): AdaptiveCardJson {
  const { directory, partnership } = d;
  const subgroupName = rec.subgroup_id ? (directory.subgroup(rec.subgroup_id)?.name ?? rec.subgroup_id) : '-';
  const category = partnership.routing.categories.find((c) => c.id === rec.category)?.label ?? rec.category;
  const facts = [
    { title: 'Category', value: category },
    { title: 'Owning subgroup', value: subgroupName },
    { title: 'Stage', value: STAGE_LABELS[rec.stage] },
    { title: 'Source', value: SOURCE_LABELS[rec.source] ?? rec.source },
  ];
  if (opts.dueDate) facts.push({ title: 'Action due', value: formatDate(opts.dueDate) });
  if (rec.case_reference) facts.unshift({ title: 'Case', value: rec.case_reference });
  const nameOf = (id: string) => directory.person(id)?.displayName ?? id;
  const history = opts.history.slice(-8).map((e) => {
    const by = e.actor.startsWith('system:') ? '' : ` by ${nameOf(e.actor)}`;
    const to = e.subgroup_id ?? '';
    const what: Record<string, string> = {
      submitted: `Recorded${by}`,
      routed: `Routed to ${to}`,
      rerouted: `Re-routed to ${to}${by}`,
      accepted: `Accepted${by}`,
      'in-progress': 'Work in progress',
      'evidenced-complete': `Evidenced complete${by}`,
      'impact-reviewed': `Impact reviewed${by}`,
    };
    return {
      when: new Intl.DateTimeFormat('en-GB', {
        timeZone: partnership.timeZone,
        day: 'numeric',
        month: 'short',
      }).format(e.at),
      what: what[e.kind] ?? e.kind,
    };
  });
  const viewer = opts.viewer;
  return buildRecommendationCard({
    partnership: partnership.shortName,
    heading: `Recommendation for ${rec.subgroup_id ?? 'routing'}`,
    facts,
    text: rec.text,
    history,
    canRoute: rec.stage === 'routed' && (!viewer || canRoute(directory, viewer, rec)),
    canReview:
      rec.stage === 'evidenced-complete' &&
      (!viewer || canReviewImpact(directory, viewer, partnership.rapidReview.runBy)),
    subgroups: partnership.subgroups
      .filter((g) => g.id !== rec.subgroup_id)
      .map((g) => ({ title: `${g.id}: ${g.name}`, value: g.id })),
    recommendationId: rec.id,
    messageId: opts.messageId,
    refreshUserIds: opts.refreshUserIds,
  });
}

/** Loads what a recommendation card shows. */
export async function loadRecommendationView(
  s: Pick<Services, 'db' | 'partnership'>,
  recommendationId: string,
) {
  const rec = await s.db
    .selectFrom('recommendations')
    .selectAll()
    .where('id', '=', recommendationId)
    .where('partnership_id', '=', s.partnership.id)
    .executeTakeFirst();
  if (!rec) return undefined;
  const history = await s.db
    .selectFrom('recommendation_events')
    .selectAll()
    .where('recommendation_id', '=', rec.id)
    .orderBy('id')
    .execute();
  const action = rec.action_id
    ? await s.db
        .selectFrom('tracked_actions')
        .select('due_date')
        .where('id', '=', rec.action_id)
        .executeTakeFirst()
    : undefined;
  return { rec, history, dueDate: action?.due_date };
}
