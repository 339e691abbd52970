import type { Partnership } from '../../config/partnership/schema';

/** Placeholder until the Playground's configuration format is wired in. */
export function playgroundConfigYaml(partnership: Partnership): string {
  return `# generated from ${partnership.id}\n`;
}
