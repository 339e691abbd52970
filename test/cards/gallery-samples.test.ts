import { CARD_SAMPLES } from '../../cards/gallery/samples';
import { adaptiveCardProblems } from '../support/cards';

describe('every card in the gallery', () => {
  it('has a unique file name', () => {
    const names = CARD_SAMPLES.map((s) => s.name);
    expect(new Set(names).size).toBe(names.length);
  });

  it.each(CARD_SAMPLES.map((s) => [s.name, s] as const))(
    '%s is a valid Adaptive Card 1.5',
    (_name, sample) => {
      expect(sample.card.version).toBe('1.5');
      expect(adaptiveCardProblems(sample.card)).toEqual([]);
    },
  );
});
