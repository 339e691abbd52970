import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { encodePng } from '../png';
import { colourIcon, outlineIcon } from './draw';

/** The icon files the manifest names, next to the manifest template. */
export const ICON_FILES = {
  color: path.join(__dirname, '..', 'color.png'),
  outline: path.join(__dirname, '..', 'outline.png'),
} as const;

/** Draws both icons; `npm run manifest:icons` writes them (they are committed). */
export function renderIcons(): { color: Buffer; outline: Buffer } {
  return { color: encodePng(colourIcon(192)), outline: encodePng(outlineIcon(32)) };
}

if (require.main === module) {
  const icons = renderIcons();
  writeFileSync(ICON_FILES.color, icons.color);
  writeFileSync(ICON_FILES.outline, icons.outline);
  console.log(`wrote ${ICON_FILES.color} (192x192) and ${ICON_FILES.outline} (32x32)`);
}
