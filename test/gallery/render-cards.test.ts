import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { CARD_SAMPLES, type CardSample } from '../../cards/gallery/samples';
import { decodePng } from '../../manifest/png';
import {
  DOCS_DIR,
  galleryIndex,
  readmeGalleryBlock,
  renderCards,
  withGalleryBlock,
  type RenderedCard,
} from '../../scripts/render-cards';

/** How many distinct colours an image has: a blank or failed render has one or two. */
function distinctColours(file: string): number {
  const { data } = decodePng(readFileSync(file));
  const seen = new Set<number>();
  for (let i = 0; i < data.length; i += 4) seen.add((data[i]! << 16) | (data[i + 1]! << 8) | data[i + 2]!);
  return seen.size;
}

describe('card gallery renderer (adaptivecards in headless Chromium)', () => {
  let dir: string;
  let rendered: RenderedCard[];
  const broken: CardSample = {
    name: 'broken',
    title: 'Broken on purpose',
    card: { type: 'AdaptiveCard', version: '1.5', body: [{ type: 'Carousel.Bogus' }, { type: 'TextBlock' }] },
  };

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'masa-gallery-'));
    rendered = await renderCards([...CARD_SAMPLES, broken], dir, { scale: 1 });
  }, 120_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it.each(CARD_SAMPLES.map((s) => [s.name] as const))('renders %s without errors to a PNG', (name) => {
    const card = rendered.find((r) => r.name === name)!;
    expect(card.problems).toEqual([]);
    const image = decodePng(readFileSync(card.file));
    expect([image.width, image.height]).toEqual([card.width, card.height]);
    expect(image.width).toBeGreaterThan(400);
    expect(image.height).toBeGreaterThan(60);
    expect(distinctColours(card.file)).toBeGreaterThan(8);
  });

  it('reports the problems of a card the renderer cannot handle', () => {
    const card = rendered.find((r) => r.name === 'broken')!;
    expect(card.problems.length).toBeGreaterThan(0);
    expect(card.problems.join('\n')).toMatch(/Carousel\.Bogus/);
  });

  it('writes an index and a README block naming every card', () => {
    const cards = rendered.filter((r) => r.name !== 'broken');
    const index = galleryIndex(cards);
    for (const c of cards) expect(index).toContain(`![${c.title}](${c.name}.png)`);
    const readme = `# x\n\nbefore\n${readmeGalleryBlock([])}\nafter\n`;
    const updated = withGalleryBlock(readme, readmeGalleryBlock(cards));
    expect(updated.startsWith('# x\n\nbefore\n<!-- card gallery: start')).toBe(true);
    expect(updated.endsWith('<!-- card gallery: end -->\nafter\n')).toBe(true);
    for (const c of cards) expect(updated).toContain(`src="docs/cards/${c.name}.png"`);
    expect(withGalleryBlock('no markers here', 'block')).toBe('no markers here');
  });

  it('has a committed image in docs/cards for every sample (run npm run cards:render after adding one)', () => {
    const missing = CARD_SAMPLES.filter((s) => !existsSync(path.join(DOCS_DIR, `${s.name}.png`))).map(
      (s) => s.name,
    );
    expect(missing).toEqual([]);
  });
});
