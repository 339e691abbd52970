import { loadPartnershipFile } from '../../config/partnership/load';
import { Directory } from '../../core/directory/directory';
import { offersCard } from '../../core/meetings/render';
import type { MeetingRequestRow } from '../../core/meetings/rows';
import { adaptiveCardProblems } from '../support/cards';

const partnership = loadPartnershipFile('wakefield');
const ORGANISER = 'meetings@wakefield.example';
const s = {
  partnership: { ...partnership, microsoft: { ...partnership.microsoft, organiserMailbox: ORGANISER } },
  directory: new Directory(partnership),
};

function failed(problem: string, picked: number | null): MeetingRequestRow {
  return {
    id: '5d0c8a5e-8f5e-4c39-9a0e-3f7f4c1b2a10',
    partnership_id: 'wakefield',
    purpose: 'subgroup',
    reference: 'CSPRG',
    rapid_review_id: null,
    subgroup_id: 'CSPRG',
    chair_id: 'hos-quality-learning',
    required_ids: ['dci-safeguarding'],
    optional_ids: [],
    length_minutes: 60,
    window_start: new Date('2026-03-02T00:00:00Z'),
    window_end: new Date('2026-03-07T00:00:00Z'),
    recurring: false,
    reschedules_meeting_id: null,
    status: 'failed',
    offers: [],
    picked,
    problem_code: problem,
    problem_people: [],
    message_id: null,
    created_at: new Date('2026-03-02T10:00:00Z'),
    updated_at: new Date('2026-03-02T10:00:00Z'),
  };
}

describe("the chair's card when a meeting could not be booked", () => {
  it('says nothing was booked when Microsoft 365 did not answer', () => {
    const card = offersCard(s, failed('GRAPH_HTTP_503', 0));
    expect(adaptiveCardProblems(card)).toEqual([]);
    expect(JSON.stringify(card)).toContain('Nothing was booked.');
  });

  it('says the meeting may exist, and where to look, when the booking was taken but its answer unreadable', () => {
    const card = offersCard(s, failed('GRAPH_MALFORMED', 0));
    expect(adaptiveCardProblems(card)).toEqual([]);
    const text = JSON.stringify(card);
    expect(text).not.toContain('Nothing was booked');
    expect(text).toContain("the meeting may already be in the organiser's calendar");
    expect(text).toContain(`the organiser's calendar (${ORGANISER})`);
    expect(text).toContain('Try again: the same booking is sent');
    expect(text).toContain('meeting.retry');
  });

  it('points to the missing permission when Microsoft 365 refuses access, rather than "try again in a few minutes"', () => {
    const text = JSON.stringify(offersCard(s, failed('GRAPH_HTTP_403', 0)));
    expect(text).toContain('refused the app access');
    expect(text).toContain('Calendars.ReadWrite');
    expect(text).not.toContain('did not answer');
    const other = JSON.stringify(offersCard(s, failed('GRAPH_HTTP_400', null)));
    expect(other).toContain(
      'Microsoft 365 refused the request, so I could not read the calendars (GRAPH_HTTP_400)',
    );
  });

  it('keeps "nothing was booked" for an unreadable free/busy answer, before any booking', () => {
    expect(JSON.stringify(offersCard(s, failed('GRAPH_MALFORMED', null)))).toContain('Nothing was booked.');
  });
});
