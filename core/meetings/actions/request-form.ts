import { z } from 'zod';
import type { Person } from '../../../config/partnership/schema';
import { buildMeetingPurposeCard, buildMeetingRequestCard, type Choice } from '../../../cards/meeting';
import type { AdaptiveCardJson } from '../../../cards/expand';
import type { CardActionHandler } from '../../actions/types';
import type { Services } from '../../services/services';
import { isBusinessUnit, mayBookAnything } from '../authorise';
import { draftForReview, draftForSubgroup, type MeetingDraft, type Outcome } from '../draft';
import { formatDate, formatMinutes } from '../format';
import { openReviews } from '../rapid-review-lookup';
import { workingDayMinutes } from '../slots';

/** The purpose picker: open Rapid Reviews and the subgroups this person may book for. */
export async function purposeCard(s: Services, person: Person): Promise<Outcome<AdaptiveCardJson>> {
  const p = s.partnership;
  if (!mayBookAnything(p, person))
    return {
      ok: false,
      status: 403,
      message: 'Only subgroup chairs and the business unit can book meetings.',
    };
  const reviews = await openReviews(s.db, p.id, s.calendar.localDate(s.now()));
  const groups = p.subgroups.filter((g) => isBusinessUnit(person) || g.chairs.includes(person.id));
  const choices: Choice[] = [
    ...reviews.map((r) => ({ title: `Rapid Review ${r.caseReference}`, value: `rr:${r.id}` })),
    ...groups.map((g) => ({ title: `${g.id}: ${g.name}`, value: `sg:${g.id}` })),
  ];
  return { ok: true, value: buildMeetingPurposeCard({ partnership: p.shortName, choices }) };
}

/** People who can be invited: everyone but those whose only role is DSL (hundreds of schools). */
function invitable(s: Services, preselected: string[]): Choice[] {
  return s.partnership.people
    .filter((x) => preselected.includes(x.id) || x.roles.some((r) => r !== 'dsl'))
    .map((x) => ({ title: x.displayName, value: x.id }));
}

export function requestCard(s: Services, d: MeetingDraft): AdaptiveCardJson {
  const p = s.partnership;
  const group = d.subgroupId ? p.subgroups.find((g) => g.id === d.subgroupId) : undefined;
  const facts =
    d.purpose === 'rapid-review'
      ? [
          { title: 'Purpose', value: 'Rapid Review meeting' },
          ...(d.reference ? [{ title: 'Case', value: d.reference }] : []),
          ...(d.panelDeadline
            ? [{ title: 'Panel deadline', value: formatDate(d.panelDeadline, p.timeZone) }]
            : []),
        ]
      : [
          { title: 'Purpose', value: `${group?.name ?? d.reference} meeting` },
          ...(group?.meetings
            ? [
                {
                  title: 'Usually',
                  value: `${group.meetings.perYear} a year, ${formatMinutes(group.meetings.lengthMinutes)}`,
                },
              ]
            : []),
        ];
  const hint =
    d.purpose === 'rapid-review' && d.panelDeadline
      ? `The window ends ${p.meetings.rapidReviewEndsBeforePanelWorkingDays} working days before the Panel deadline. I look for times in working hours (${p.workingHours.start} to ${p.workingHours.end}) on working days, when every required attendee is free.`
      : `I look for times in working hours (${p.workingHours.start} to ${p.workingHours.end}) on working days, when every required attendee is free and as many optional attendees as possible.`;
  const submitData: Record<string, string> = { purpose: d.purpose };
  if (d.rapidReviewId) submitData.rapidReviewId = d.rapidReviewId;
  if (d.subgroupId) submitData.subgroupId = d.subgroupId;
  return buildMeetingRequestCard({
    partnership: p.shortName,
    title:
      d.purpose === 'rapid-review'
        ? `Book a Rapid Review meeting${d.reference ? `: ${d.reference}` : ''}`
        : `Book a ${d.reference} meeting`,
    facts,
    referenceEditable: d.purpose === 'rapid-review' && !d.rapidReviewId,
    people: invitable(s, [...d.requiredIds, ...d.optionalIds]),
    requiredIds: d.requiredIds,
    optionalIds: d.optionalIds,
    lengthMinutes: d.lengthMinutes,
    maxLengthMinutes: workingDayMinutes(p.workingHours),
    windowStart: d.windowStart,
    windowEnd: d.windowEnd,
    recurringLabel: group?.meetings ? `Book a year of meetings (${group.meetings.perYear} dates)` : undefined,
    hint,
    submitData,
  });
}

const bookData = z.union([
  z.object({ purpose: z.literal('rapid-review'), rapidReviewId: z.string().min(1).max(64) }),
  z.object({ purpose: z.literal('subgroup'), subgroupId: z.string().min(1).max(64) }),
  z.object({}).strict(),
]);

/** The "Book a meeting" button (on the Rapid Review tracker or a subgroup card), and `book meeting`. */
export async function bookingCardFor(
  s: Services,
  person: Person,
  target: { rapidReviewId?: string; caseReference?: string; subgroupId?: string },
): Promise<Outcome<AdaptiveCardJson>> {
  if (target.subgroupId) {
    const d = draftForSubgroup(s, person, target.subgroupId);
    return d.ok ? { ok: true, value: requestCard(s, d.value) } : d;
  }
  if (target.rapidReviewId || target.caseReference) {
    const d = await draftForReview(s, person, target);
    return d.ok ? { ok: true, value: requestCard(s, d.value) } : d;
  }
  return purposeCard(s, person);
}

export const openBookingForm: CardActionHandler = async (deps, req) => {
  const parsed = bookData.safeParse(req.data);
  const data = parsed.success ? parsed.data : {};
  const out = await bookingCardFor(deps, req.person, {
    rapidReviewId: 'rapidReviewId' in data ? data.rapidReviewId : undefined,
    subgroupId: 'subgroupId' in data ? data.subgroupId : undefined,
  });
  return out.ok
    ? { kind: 'card', card: out.value, keepLinkOpen: true }
    : { kind: 'error', status: out.status, message: out.message };
};

const purposeData = z.object({
  target: z.string().max(80).optional(),
  reference: z.string().max(40).optional(),
});

/** The purpose picker's "Next". */
export const choosePurpose: CardActionHandler = async (deps, req) => {
  const parsed = purposeData.safeParse(req.data);
  const target = parsed.success ? (parsed.data.target ?? '') : '';
  const reference = parsed.success ? (parsed.data.reference ?? '').trim().toUpperCase() : '';
  let out: Outcome<AdaptiveCardJson>;
  if (reference) out = await bookingCardFor(deps, req.person, { caseReference: reference });
  else if (target.startsWith('rr:'))
    out = await bookingCardFor(deps, req.person, { rapidReviewId: target.slice(3) });
  else if (target.startsWith('sg:'))
    out = await bookingCardFor(deps, req.person, { subgroupId: target.slice(3) });
  else
    out = {
      ok: false,
      status: 400,
      message: 'Purpose: choose a Rapid Review or a subgroup, or type a case reference.',
    };
  return out.ok
    ? { kind: 'card', card: out.value, keepLinkOpen: true }
    : { kind: 'error', status: out.status, message: out.message };
};
