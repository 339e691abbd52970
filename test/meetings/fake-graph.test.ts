import { parseEnv } from '../../config/env';
import { loadPartnershipFile } from '../../config/partnership/load';
import { meetingCalendarFromEnv } from '../../core/graph/meeting-calendar';
import { SCHEDULES_PER_REQUEST } from '../../core/graph/calendar';
import { MEETING_CARD_SAMPLES } from '../../cards/meeting/samples';
import { adaptiveCardProblems } from '../support/cards';

describe('local mode: GRAPH_FAKE=true books against an in-process fake Graph', () => {
  const partnership = loadPartnershipFile('norfolk');

  it('reads free/busy in batches of at most 20, books, moves and cancels a Teams meeting', async () => {
    const calendar = meetingCalendarFromEnv(parseEnv({ GRAPH_FAKE: 'true' }), partnership)!;
    expect(calendar.organiser).toBe('meetings@norfolk.example');
    const emails = partnership.people.slice(0, 45).map((p) => p.email);
    expect(emails.length).toBeGreaterThan(SCHEDULES_PER_REQUEST);
    const start = new Date('2027-03-22T00:00:00Z');
    const end = new Date('2027-06-30T00:00:00Z');
    const schedules = await calendar.getSchedules([...emails, 'stranger@nowhere.example'], start, end);
    if (!schedules.ok) throw new Error(schedules.failure.code);
    expect(schedules.value).toHaveLength(emails.length + 1);
    expect(schedules.value.find((x) => x.email === 'stranger@nowhere.example')?.error).toBe(
      'ErrorMailRecipientNotFound',
    );
    expect(schedules.value.some((x) => x.items.length > 0)).toBe(true);

    const attendee = { email: emails[0]!, name: 'A', type: 'required' as const };
    const created = await calendar.createEvent({
      subject: 'NSCP SPRG meeting',
      bodyHtml: '<p>x</p>',
      start: new Date('2027-03-31T09:00:00Z'),
      end: new Date('2027-03-31T10:00:00Z'),
      attendees: [attendee],
      transactionId: 'tx-1',
    });
    if (!created.ok) throw new Error(created.failure.code);
    expect(created.value.joinUrl).toMatch(/^https:\/\/teams\.microsoft\.com\//);
    const retried = await calendar.createEvent({
      subject: 'NSCP SPRG meeting',
      bodyHtml: '<p>x</p>',
      start: new Date('2027-03-31T09:00:00Z'),
      end: new Date('2027-03-31T10:00:00Z'),
      attendees: [attendee],
      transactionId: 'tx-1',
    });
    expect(retried.ok && retried.value.id).toBe(created.value.id);

    const busy = await calendar.getSchedules(
      [attendee.email],
      new Date('2027-03-31T00:00:00Z'),
      new Date('2027-04-01T00:00:00Z'),
    );
    expect(busy.ok && busy.value[0]!.items).toContainEqual({
      status: 'busy',
      start: new Date('2027-03-31T09:00:00Z'),
      end: new Date('2027-03-31T10:00:00Z'),
    });
    const moved = await calendar.moveEvent(
      created.value.id,
      new Date('2027-04-01T13:00:00Z'),
      new Date('2027-04-01T14:00:00Z'),
    );
    expect(moved.ok).toBe(true);
    expect((await calendar.cancelEvent(created.value.id, 'no longer needed')).ok).toBe(true);
  });

  it('refuses GRAPH_FAKE outside local mode', () => {
    expect(() =>
      parseEnv({
        GRAPH_FAKE: 'true',
        MICROSOFT_APP_ID: 'abc',
        MICROSOFT_APP_PASSWORD: 'p',
        FORM_TOKEN_SECRET: 'x'.repeat(40),
      }),
    ).toThrow(/GRAPH_FAKE: is only allowed in local mode/);
  });

  it('has valid Adaptive Card samples', () => {
    for (const sample of MEETING_CARD_SAMPLES)
      expect([sample.name, adaptiveCardProblems(sample.card)]).toEqual([sample.name, []]);
  });
});
