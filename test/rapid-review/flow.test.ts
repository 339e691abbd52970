import { REFRESH_VERB } from '../../core/actions/refresh';
import { RR_VERBS } from '../../cards/rapid-review/verbs';
import { adaptiveCardProblems } from '../support/cards';
import { waitUntil } from '../support/wait';
import { cardOfMessage, cardText, inputsOf, RapidReviewHarness, verbsOf } from './harness';

const REF = 'RR-2026-014';
const CARD = 'application/vnd.microsoft.card.adaptive';
const ERROR = 'application/vnd.microsoft.error';

describe('Rapid Review end to end through /api/messages, on real PostgreSQL and Redis', () => {
  const h = new RapidReviewHarness();
  let reviewId: string;
  let trackerId: string;
  const requestMessage = new Map<string, { messageId: string; requestId: string }>();

  beforeAll(async () => {
    await h.start([
      'bu-manager',
      'hos-quality-learning',
      'dci-safeguarding',
      'di-safeguarding',
      'designated-nurse',
      'scrutineer',
      'hos-localities',
      'myth-head-safeguarding',
    ]);
  }, 60_000);
  afterAll(() => h.stop());

  const db = () => h.db;
  const counts = async () => ({
    reviews: (
      await db().selectFrom('rapid_reviews').select(db().fn.countAll().as('n')).executeTakeFirstOrThrow()
    ).n,
    requests: (
      await db()
        .selectFrom('rapid_review_requests')
        .select(db().fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
    // Changes by the people pressing: background sweeps of other features may audit their own work meanwhile.
    audit: (
      await db()
        .selectFrom('audit_log')
        .select(db().fn.countAll().as('n'))
        .where('actor', 'in', ['bu-manager', 'hos-localities'])
        .executeTakeFirstOrThrow()
    ).n,
  });
  const request = (personId: string) =>
    db()
      .selectFrom('rapid_review_requests')
      .selectAll()
      .where('addressee_id', '=', personId)
      .executeTakeFirstOrThrow();
  const validOpen = {
    messageId: '',
    rr_caseReference: REF,
    rr_notificationDate: '2026-02-27',
    rr_category: 'serious-harm',
    rr_agencyLeads: 'dci-safeguarding,designated-nurse,probation-spo',
    rr_chair: 'hos-quality-learning',
  };

  it('offers the open form to the business unit and refuses a practitioner', async () => {
    const refused = await h.say('hos-localities', 'rapid review new');
    expect(refused.text).toBe('Only the business unit or a chair of CSPRG can open a Rapid Review.');
    const answer = await h.say('bu-manager', 'rapid review new');
    const card = cardOfMessage(answer);
    expect(adaptiveCardProblems(card)).toEqual([]);
    expect(inputsOf(card)).toEqual([
      'rr_caseReference',
      'rr_notificationDate',
      'rr_category',
      'rr_agencyLeads',
      'rr_chair',
    ]);
    expect(cardText(card)).toContain('dci-safeguarding');
  });

  it('refuses bad input naming the field, and stores nothing', async () => {
    const before = await counts();
    const cases: Array<[Record<string, unknown>, string]> = [
      [
        { rr_caseReference: 'John Smith' },
        'Case reference: expected a case reference such as RR-2026-014 (no names).',
      ],
      [{ rr_caseReference: '' }, 'Case reference: enter the case reference, such as RR-2026-014.'],
      [{ rr_notificationDate: '2026-03-03' }, 'Notification date: cannot be in the future.'],
      [{ rr_notificationDate: '2026-02-30' }, 'Notification date: expected a real date as YYYY-MM-DD.'],
      [{ rr_notificationDate: '2026-13-01' }, 'Notification date: expected a real date as YYYY-MM-DD.'],
      [{ messageId: 'not-an-id' }, 'Message reference: expected the id of the message this form came in.'],
      [{ rr_category: 'other' }, 'Category: choose death or serious harm.'],
      [{ rr_agencyLeads: '' }, 'Agencies to ask: choose at least one agency lead.'],
      [{ rr_agencyLeads: 'hos-localities' }, 'Agencies to ask: choose agency leads from the directory list.'],
      [{ rr_chair: 'dsl-primary-1' }, 'Chair: choose someone from the list.'],
    ];
    for (const [change, message] of cases) {
      const res = await h.press('bu-manager', RR_VERBS.open, { ...validOpen, ...change });
      expect(res).toEqual({ statusCode: 400, type: ERROR, value: { code: '400', message } });
    }
    const stranger = await h.press('hos-localities', RR_VERBS.open, validOpen);
    expect(stranger.statusCode).toBe(403);
    expect(await counts()).toEqual(before);
  });

  it('opens the review: deadlines computed, one request per agency sent, the tracker shown', async () => {
    const res = await h.press('bu-manager', RR_VERBS.open, validOpen);
    expect(res.statusCode).toBe(200);
    expect(res.type).toBe(CARD);
    expect(adaptiveCardProblems(res.value)).toEqual([]);
    expect(cardText(res.value)).toContain(`Rapid Review ${REF}`);

    const review = await db().selectFrom('rapid_reviews').selectAll().executeTakeFirstOrThrow();
    reviewId = review.id;
    trackerId = review.tracker_message_id!;
    // Notified Friday 27 February 2026: 15 working days later is Friday 20 March.
    expect(review).toMatchObject({
      case_reference: REF,
      panel_deadline: '2026-03-20',
      chair_id: 'hos-quality-learning',
    });
    const requests = await db()
      .selectFrom('rapid_review_requests')
      .selectAll()
      .orderBy('addressee_id')
      .execute();
    expect(
      requests.map((r) => [r.addressee_id, r.agency_id, r.deadline, r.status, r.next_reminder_kind]),
    ).toEqual([
      ['dci-safeguarding', 'wyp', '2026-03-09', 'awaiting', 'before'],
      ['designated-nurse', 'icb', '2026-03-09', 'awaiting', 'before'],
      ['probation-spo', 'probation', '2026-03-09', 'awaiting', 'before'],
    ]);
    expect(requests[0]!.next_reminder_at).toEqual(new Date('2026-03-06T09:00:00Z'));

    // Each request is its own message; Teams for those with a conversation, email (a form link) for probation.
    const messages = await waitUntil(
      () => db().selectFrom('rapid_review_messages').selectAll().execute(),
      (rows) => rows.length === 4 && rows.every((r) => r.sent_at !== null),
    );
    for (const m of messages.filter((x) => x.request_id)) {
      const r = requests.find((x) => x.id === m.request_id)!;
      requestMessage.set(r.addressee_id, { messageId: m.message_id, requestId: r.id });
    }
    // Each copy is awaited itself: the send jobs run in any order.
    const sentTo = async (personId: string) =>
      (
        await waitUntil(
          async () =>
            h.connector.calls.filter(
              (c) =>
                c.method === 'POST' &&
                c.conversationId === `a:${personId}` &&
                cardText(c.body).includes('information request'),
            ),
          (calls) => calls.length >= 1,
        )
      )[0]!;
    await sentTo('designated-nurse');
    const card = cardOfMessage((await sentTo('dci-safeguarding')).body);
    expect(adaptiveCardProblems(card)).toEqual([]);
    expect(inputsOf(card)).toContain('rr_summary');
    expect(card.refresh).toMatchObject({
      action: { verb: REFRESH_VERB, data: { messageId: requestMessage.get('dci-safeguarding')!.messageId } },
      userIds: ['29:dci-safeguarding'],
    });
    await waitUntil(
      async () => h.mail.filter((m) => m.to === 'probation-spo@wakefield.example'),
      (m) => m.length === 1,
    );
    const mail = h.mail.find((m) => m.to === 'probation-spo@wakefield.example')!;
    expect(mail.subject).toBe(`${REF}: Rapid Review information request`);
    expect(mail.html).toMatch(/\/forms\/[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+/);
    // The tracker goes to the chair and the business unit.
    const tracker = await waitUntil(
      async () =>
        h.connector.calls.filter((c) => c.method === 'POST' && c.conversationId === 'a:hos-quality-learning'),
      (calls) => calls.length === 1,
    );
    expect(cardText(tracker[0]!.body)).toContain('Chase now');
  });

  it('refuses a second review with the same case reference', async () => {
    const res = await h.press('bu-manager', RR_VERBS.open, validOpen);
    expect(res).toMatchObject({
      statusCode: 409,
      value: { message: `Case reference: a Rapid Review for ${REF} already exists.` },
    });
  });

  it('shows the form to the addressee on refresh and only the status to anyone else', async () => {
    const { messageId } = requestMessage.get('dci-safeguarding')!;
    const own = await h.press('dci-safeguarding', REFRESH_VERB, { messageId }, 'automatic');
    expect(inputsOf(own.value)).toContain('rr_keyEvents');
    const other = await h.press('designated-nurse', REFRESH_VERB, { messageId }, 'automatic');
    expect(other.type).toBe(CARD);
    expect(inputsOf(other.value)).toEqual([]);
    // Only Teams' own refresh action: no button acts on the request.
    expect(verbsOf(other.value)).toEqual([REFRESH_VERB]);
    expect(cardText(other.value)).toContain('Awaiting');
  });

  it('saves a draft, refuses over-long text and someone else, and keeps the draft', async () => {
    const ids = requestMessage.get('dci-safeguarding')!;
    const saved = await h.press('dci-safeguarding', RR_VERBS.saveDraft, {
      ...ids,
      rr_involved: 'yes',
      rr_period: 'April 2025 to February 2026',
      rr_summary: 'Two attendances at the address.',
    });
    expect(saved.statusCode).toBe(200);
    expect(cardText(saved.value)).toContain('Two attendances at the address.');
    expect((await request('dci-safeguarding')).status).toBe('draft');

    const before = await request('dci-safeguarding');
    const tooLong = await h.press('dci-safeguarding', RR_VERBS.saveDraft, {
      ...ids,
      rr_summary: 'x'.repeat(4001),
    });
    expect(tooLong).toMatchObject({
      statusCode: 400,
      value: { message: 'Summary of involvement is too long (at most 4000 characters)' },
    });
    const notTheirs = await h.press('designated-nurse', RR_VERBS.submit, { ...ids, rr_involved: 'no' });
    expect(notTheirs).toMatchObject({
      statusCode: 403,
      value: { message: 'This request was sent to someone else, so you cannot answer it.' },
    });
    const mismatched = await h.press('designated-nurse', RR_VERBS.submit, {
      messageId: requestMessage.get('designated-nurse')!.messageId,
      requestId: ids.requestId,
      rr_involved: 'no',
    });
    expect(mismatched.statusCode).toBe(404);
    const incomplete = await h.press('dci-safeguarding', RR_VERBS.submit, { ...ids, rr_involved: 'yes' });
    expect(incomplete).toMatchObject({
      statusCode: 400,
      value: { message: 'Period of involvement is needed before you can submit (or save a draft).' },
    });
    expect(await request('dci-safeguarding')).toEqual(before);
  });

  it('delegates to a colleague in the same agency, who receives their own copy', async () => {
    const ids = requestMessage.get('dci-safeguarding')!;
    const wrong = await h.press('dci-safeguarding', RR_VERBS.delegate, {
      ...ids,
      rr_delegate: 'designated-nurse',
    });
    expect(wrong).toMatchObject({
      statusCode: 400,
      value: { message: 'Colleague who will answer: choose someone from your own agency in the directory.' },
    });
    const res = await h.press('dci-safeguarding', RR_VERBS.delegate, {
      ...ids,
      rr_delegate: 'di-safeguarding',
    });
    expect(res).toMatchObject({ statusCode: 200, type: CARD });
    expect((await request('dci-safeguarding')).delegate_id).toBe('di-safeguarding');
    const delegated = await waitUntil(
      async () =>
        h.connector.calls.filter((c) => c.method === 'POST' && c.conversationId === 'a:di-safeguarding'),
      (calls) => calls.length === 1,
    );
    const card = cardOfMessage(delegated[0]!.body);
    expect(cardText(card)).toContain('to you by Detective chief inspector, safeguarding (police)');
    // The saved draft travels with the request.
    expect(cardText(card)).toContain('Two attendances at the address.');
  });

  it('stores one answer for a double-clicked submit and turns the card read-only; the tracker updates', async () => {
    const m = await db()
      .selectFrom('rapid_review_messages')
      .select('message_id')
      .where('purpose', '=', 'delegated')
      .executeTakeFirstOrThrow();
    const data = {
      messageId: m.message_id,
      requestId: requestMessage.get('dci-safeguarding')!.requestId,
      rr_involved: 'yes',
      rr_period: 'April 2025 to February 2026',
      rr_summary: 'Two attendances at the address.',
      rr_keyEvents: '2025-04-02 call; 2026-02-20 attendance',
      rr_csprView: 'may-meet',
    };
    const trackerUpdatesBefore = h.connector.calls.filter((c) => c.method === 'PUT').length;
    const [a, b] = await Promise.all([
      h.press('di-safeguarding', RR_VERBS.submit, data),
      h.press('di-safeguarding', RR_VERBS.submit, data),
    ]);
    expect([a.statusCode, b.statusCode]).toEqual([200, 200]);
    for (const r of [a, b]) {
      expect(inputsOf(r.value)).toEqual([]);
      expect(verbsOf(r.value)).not.toContain(RR_VERBS.submit);
      expect(adaptiveCardProblems(r.value)).toEqual([]);
    }
    const audit = await db()
      .selectFrom('audit_log')
      .select(['actor'])
      .where('action', '=', 'rapid-review.request.submitted')
      .execute();
    expect(audit).toEqual([{ actor: 'di-safeguarding' }]);
    expect(await request('dci-safeguarding')).toMatchObject({
      status: 'submitted',
      submitted_by: 'di-safeguarding',
    });

    // The Teams copies of the tracker and the request are rewritten (update-card through the connector).
    // The jobs that do it run in any order, so each expected update is awaited on its own.
    const updatesTo = (conversationId: string, done: (card: Record<string, unknown>) => boolean) =>
      waitUntil(
        async () =>
          h.connector.calls
            .filter((c) => c.method === 'PUT')
            .slice(trackerUpdatesBefore)
            .filter((c) => c.conversationId === conversationId),
        (calls) => calls.some((c) => done(cardOfMessage(c.body))),
      );
    await updatesTo('a:hos-quality-learning', (card) => cardText(card).includes('Submitted'));
    // The request's first copy (to the addressee) becomes read-only too.
    await updatesTo('a:dci-safeguarding', (card) => inputsOf(card).length === 0);
  });

  it('lets the chair read an answer (audited), the scrutineer read but not change, and no one else see it', async () => {
    const ids = { messageId: trackerId, rapidReviewId: reviewId };
    const { requestId } = requestMessage.get('dci-safeguarding')!;
    const view = await h.press('hos-quality-learning', RR_VERBS.viewAnswer, { ...ids, requestId });
    expect(view.statusCode).toBe(200);
    expect(cardText(view.value)).toContain('2025-04-02 call; 2026-02-20 attendance');
    expect(
      await db()
        .selectFrom('audit_log')
        .select('actor')
        .where('action', '=', 'rapid-review.answer.viewed')
        .execute(),
    ).toEqual([{ actor: 'hos-quality-learning' }]);

    const scrutineer = cardOfMessage(await h.say('scrutineer', `rapid review status ${REF}`));
    expect(adaptiveCardProblems(scrutineer)).toEqual([]);
    expect(cardText(scrutineer)).toContain('Submitted');
    expect(verbsOf(scrutineer)).not.toContain(RR_VERBS.chase);
    const chase = await h.press('scrutineer', RR_VERBS.chase, ids);
    expect(chase.statusCode).toBe(403);
    const peek = await h.press('designated-nurse', RR_VERBS.viewAnswer, { ...ids, requestId });
    expect(peek.statusCode).toBe(403);
    const refused = await h.say('hos-localities', `rapid review status ${REF}`);
    expect(refused.text).toMatch(/^I can't show a Rapid Review RR-2026-014/);
    const badRef = await h.say('bu-manager', 'rapid review status Jane');
    expect(badRef.text).toBe('Case reference: expected a case reference such as RR-2026-014 (no names).');
  });

  it('extends one deadline with a reason, chases, and adds an agency', async () => {
    const ids = { messageId: trackerId, rapidReviewId: reviewId };
    const nurse = requestMessage.get('designated-nurse')!;
    const noReason = await h.press('bu-manager', RR_VERBS.extend, {
      ...ids,
      rr_extendRequest: nurse.requestId,
      rr_extendTo: '2026-03-11',
    });
    expect(noReason).toMatchObject({
      statusCode: 400,
      value: { message: 'Reason: say why the deadline is extended.' },
    });
    for (const impossible of ['2026-13-01', '2026-02-30']) {
      const res = await h.press('bu-manager', RR_VERBS.extend, {
        ...ids,
        rr_extendRequest: nurse.requestId,
        rr_extendTo: impossible,
        rr_extendReason: 'Records held off site',
      });
      expect(res).toMatchObject({
        statusCode: 400,
        value: { message: 'New deadline: expected a real date as YYYY-MM-DD.' },
      });
    }
    expect(await request('designated-nurse')).toMatchObject({
      deadline: '2026-03-09',
      extension_reason: null,
    });
    const weekend = await h.press('bu-manager', RR_VERBS.extend, {
      ...ids,
      rr_extendRequest: nurse.requestId,
      rr_extendTo: '2026-03-14',
      rr_extendReason: 'Records held off site',
    });
    expect(weekend).toMatchObject({
      statusCode: 400,
      value: { message: 'New deadline: 14 Mar 2026 is not a working day.' },
    });
    // The reason is shown on every copy of the request card: no child's details in it.
    const identifying = await h.press('bu-manager', RR_VERBS.extend, {
      ...ids,
      rr_extendRequest: nurse.requestId,
      rr_extendTo: '2026-03-11',
      rr_extendReason: 'Child moved to WF1 2AB, records follow',
    });
    expect(identifying).toMatchObject({
      statusCode: 400,
      value: { message: expect.stringMatching(/^Reason: this looks like it contains a postcode\./) },
    });
    expect(await request('designated-nurse')).toMatchObject({
      deadline: '2026-03-09',
      extension_reason: null,
    });
    expect(
      await db()
        .selectFrom('audit_log')
        .select('id')
        .where('action', '=', 'rapid-review.deadline-extended')
        .execute(),
    ).toEqual([]);
    const ok = await h.press('bu-manager', RR_VERBS.extend, {
      ...ids,
      rr_extendRequest: nurse.requestId,
      rr_extendTo: '2026-03-11',
      rr_extendReason: 'Records held off site',
    });
    expect(ok.statusCode).toBe(200);
    expect(await request('designated-nurse')).toMatchObject({
      deadline: '2026-03-11',
      extension_reason: 'Records held off site',
      next_reminder_at: new Date('2026-03-10T09:00:00Z'),
    });

    const chased = await h.press('hos-quality-learning', RR_VERBS.chase, ids);
    expect(chased).toMatchObject({ statusCode: 200 });
    const chases = await db()
      .selectFrom('rapid_review_messages')
      .select('recipients')
      .where('purpose', '=', 'chase')
      .execute();
    expect(chases.map((c) => c.recipients).sort()).toEqual([['designated-nurse'], ['probation-spo']]);

    const added = await h.press('bu-manager', RR_VERBS.addAgency, {
      ...ids,
      rr_addLead: 'myth-head-safeguarding',
    });
    expect(added.statusCode).toBe(200);
    const again = await h.press('bu-manager', RR_VERBS.addAgency, {
      ...ids,
      rr_addLead: 'myth-head-safeguarding',
    });
    expect(again.statusCode).toBe(409);
    await waitUntil(
      async () =>
        h.connector.calls.filter(
          (c) => c.method === 'POST' && c.conversationId === 'a:myth-head-safeguarding',
        ),
      (calls) => calls.length === 1,
    );
  });

  it('lists my requests with a button that opens the form', async () => {
    const answer = await h.say('designated-nurse', 'my requests');
    const card = cardOfMessage(answer);
    expect(adaptiveCardProblems(card)).toEqual([]);
    expect(cardText(card)).toContain(REF);
    const { requestId } = requestMessage.get('designated-nurse')!;
    const opened = await h.press('designated-nurse', RR_VERBS.showRequest, { requestId });
    expect(inputsOf(opened.value)).toContain('rr_summary');
    const notMine = await h.press('bu-manager', RR_VERBS.showRequest, { requestId });
    expect(notMine.statusCode).toBe(403);
  });

  it('records the decision with routed recommendations and closes the requests', async () => {
    const ids = { messageId: trackerId, rapidReviewId: reviewId };
    const noCategory = await h.press('hos-quality-learning', RR_VERBS.decide, {
      ...ids,
      rr_outcome: 'local-review',
      rr_learning: 'Information sharing between health and police.',
      rr_rec1_text: 'Audit information sharing at the front door.',
    });
    expect(noCategory).toMatchObject({
      statusCode: 400,
      value: { message: 'Recommendation 1: choose its category.' },
    });
    const notChair = await h.press('designated-nurse', RR_VERBS.decide, {
      ...ids,
      rr_outcome: 'local-review',
    });
    expect(notChair.statusCode).toBe(403);
    const res = await h.press('hos-quality-learning', RR_VERBS.decide, {
      ...ids,
      rr_outcome: 'local-review',
      rr_learning: 'Information sharing between health and police.',
      rr_rec1_text: 'Audit information sharing at the front door.',
      rr_rec1_category: 'assurance',
      rr_rec3_text: 'Briefing for practitioners on escalation.',
      rr_rec3_category: 'workforce-development',
    });
    expect(res.statusCode).toBe(200);
    expect(cardText(res.value)).toContain('Local Child Safeguarding Practice Review recommended');
    const recs = await db()
      .selectFrom('rapid_review_recommendations')
      .select(['category', 'recommendation_id'])
      .orderBy('id')
      .execute();
    expect(recs.map((r) => r.category)).toEqual(['assurance', 'workforce-development']);
    const routed = await db()
      .selectFrom('recommendations')
      .select(['id', 'source', 'source_id', 'category', 'case_reference'])
      .orderBy('category')
      .execute();
    expect(routed).toEqual([
      {
        id: recs[0]!.recommendation_id,
        source: 'rapid-review',
        source_id: reviewId,
        category: 'assurance',
        case_reference: REF,
      },
      {
        id: recs[1]!.recommendation_id,
        source: 'rapid-review',
        source_id: reviewId,
        category: 'workforce-development',
        case_reference: REF,
      },
    ]);
    const review = await db().selectFrom('rapid_reviews').selectAll().executeTakeFirstOrThrow();
    expect(review.requests_closed_at).toBeInstanceOf(Date);

    const twice = await h.press('hos-quality-learning', RR_VERBS.decide, {
      ...ids,
      rr_outcome: 'no-local-review',
      rr_learning: 'x',
    });
    expect(twice.statusCode).toBe(409);
    const late = await h.press('designated-nurse', RR_VERBS.submit, {
      ...requestMessage.get('designated-nurse')!,
      rr_involved: 'no',
    });
    expect(late).toMatchObject({
      statusCode: 409,
      value: { message: `Requests for ${REF} are closed, so this can no longer be changed.` },
    });
  });

  it('answers an unknown verb and a card without its ids with a plain error', async () => {
    expect((await h.press('bu-manager', 'rapid-review.nonsense', {})).statusCode).toBe(400);
    const noIds = await h.press('dci-safeguarding', RR_VERBS.submit, { rr_involved: 'no' });
    expect(noIds).toMatchObject({
      statusCode: 400,
      value: { message: 'This card is missing its request reference.' },
    });
  });
});
