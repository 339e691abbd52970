import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { CARD_SAMPLES, type CardSample } from '../cards/gallery/samples';
import { pngHeader } from '../manifest/png';
import { galleryPageHtml } from './gallery/page';

/** Debian's Chromium; playwright-core brings no browser of its own. */
export const CHROMIUM_PATH = '/usr/bin/chromium';
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'];

export const DOCS_DIR = path.resolve(__dirname, '..', 'docs', 'cards');
const ROOT_README = path.resolve(__dirname, '..', 'README.md');
const GALLERY_START = '<!-- card gallery: start (npm run cards:render writes this block) -->';
const GALLERY_END = '<!-- card gallery: end -->';

export interface RenderedCard {
  name: string;
  title: string;
  file: string;
  /** Parse, validation, page and console errors; empty when the card rendered cleanly. */
  problems: string[];
  /** The image's size in pixels. */
  width: number;
  height: number;
}

/**
 * Renders each sample with the official adaptivecards renderer in headless
 * Chromium (a self-contained page, every network request refused) and saves
 * `<outDir>/<name>.png`.
 */
export async function renderCards(
  samples: readonly CardSample[],
  outDir: string,
  opts: { scale?: number } = {},
): Promise<RenderedCard[]> {
  mkdirSync(outDir, { recursive: true });
  const browser: Browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: CHROMIUM_ARGS,
    headless: true,
  });
  try {
    const context = await browser.newContext({
      deviceScaleFactor: opts.scale ?? 2,
      viewport: { width: 600, height: 800 },
      offline: true,
      javaScriptEnabled: true,
    });
    await context.route('**/*', (route) => route.abort());
    const page = await context.newPage();
    const pageErrors: string[] = [];
    page.on('pageerror', (e) => pageErrors.push(`page: ${e.message}`));
    page.on('console', (m) => {
      if (m.type() === 'error') pageErrors.push(`console: ${m.text()}`);
    });
    await page.setContent(galleryPageHtml(), { waitUntil: 'load' });

    const results: RenderedCard[] = [];
    for (const sample of samples) {
      pageErrors.splice(0);
      const problems = await page.evaluate(
        (card) => (window as unknown as { masaRender(c: unknown): string[] }).masaRender(card),
        sample.card as unknown,
      );
      const file = path.join(outDir, `${sample.name}.png`);
      const png = await page.locator('#frame').screenshot({ path: file, animations: 'disabled' });
      const { width, height } = pngHeader(png);
      results.push({
        name: sample.name,
        title: sample.title,
        file,
        problems: [...problems, ...pageErrors],
        width,
        height,
      });
    }
    await context.close();
    return results;
  } finally {
    await browser.close();
  }
}

/** The index page of docs/cards/. */
export function galleryIndex(cards: readonly RenderedCard[]): string {
  const sections = cards.map((c) => `## ${c.title}\n\n\`${c.name}\`\n\n![${c.title}](${c.name}.png)\n`);
  return [
    '# Card gallery',
    '',
    'Every Adaptive Card the bot sends, with made-up sample data (`cards/gallery/samples.ts`), rendered by the',
    'official `adaptivecards` renderer in headless Chromium with a Teams-like host config. Regenerate with',
    '`npm run cards:render`; do not edit by hand.',
    '',
    ...sections,
  ].join('\n');
}

/** The gallery block in the root README: a two-column table of every card image. */
export function readmeGalleryBlock(cards: readonly RenderedCard[]): string {
  const cell = (c: RenderedCard) =>
    `<td valign="top"><b>${c.title}</b><br><img src="docs/cards/${c.name}.png" width="360" alt="${c.title}"></td>`;
  const rows: string[] = [];
  for (let i = 0; i < cards.length; i += 2)
    rows.push(
      `<tr>${cards
        .slice(i, i + 2)
        .map(cell)
        .join('')}</tr>`,
    );
  return [GALLERY_START, '<table>', ...rows, '</table>', GALLERY_END].join('\n');
}

/** Replaces the gallery block in README text (between the markers), or returns it unchanged if absent. */
export function withGalleryBlock(readme: string, block: string): string {
  const start = readme.indexOf(GALLERY_START);
  const end = readme.indexOf(GALLERY_END);
  if (start === -1 || end === -1 || end < start) return readme;
  return readme.slice(0, start) + block + readme.slice(end + GALLERY_END.length);
}

async function main(): Promise<void> {
  const cards = await renderCards(CARD_SAMPLES, DOCS_DIR);
  const names = new Set(cards.map((c) => `${c.name}.png`));
  for (const file of readdirSync(DOCS_DIR))
    if (file.endsWith('.png') && !names.has(file)) rmSync(path.join(DOCS_DIR, file));
  writeFileSync(path.join(DOCS_DIR, 'README.md'), galleryIndex(cards));
  const readme = readFileSync(ROOT_README, 'utf8');
  const updated = withGalleryBlock(readme, readmeGalleryBlock(cards));
  if (updated !== readme) writeFileSync(ROOT_README, updated);
  for (const c of cards)
    process.stdout.write(`${c.problems.length ? 'FAIL' : 'ok  '} ${c.name}.png ${c.width}x${c.height}\n`);
  const failed = cards.filter((c) => c.problems.length > 0);
  for (const c of failed) process.stderr.write(`${c.name}:\n${c.problems.map((p) => `  ${p}`).join('\n')}\n`);
  process.stdout.write(`rendered ${cards.length} cards into ${path.relative(process.cwd(), DOCS_DIR)}\n`);
  if (failed.length > 0) process.exitCode = 1;
}

if (require.main === module) {
  main().catch((e: unknown) => {
    process.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    process.exitCode = 1;
  });
}
