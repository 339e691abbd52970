import { buildForumFormCard } from '../../cards/forum/form';
import { adaptiveCardProblems } from '../support/cards';

describe('forum cards', () => {
  it('builds a valid empty form', () => {
    const card = buildForumFormCard({
      partnership: 'WSCP',
      title: 'DSL Forum: Autumn 2026, first half',
      reference: 'FORUM-2026-10-14',
      sessionId: '00000000-0000-4000-8000-000000000001',
      sessionDate: '14 Oct 2026',
      deadline: '28 Oct 2026, 17:00',
      anonymous: true,
    });
    expect(adaptiveCardProblems(card)).toEqual([]);
  });
});
