import { readFileSync } from 'node:fs';
import path from 'node:path';
import { TEAMS_CSS, TEAMS_HOST_CONFIG } from './host-config';
import { MARKDOWN_JS } from './markdown';

const AC_DIST = path.join(path.dirname(require.resolve('adaptivecards/package.json')), 'dist');

/**
 * The gallery page, self-contained (no network): the official renderer
 * (adaptivecards.min.js) and its CSS inline, Teams-like styles, and
 * `masaRender(card)`, which parses the card as v1.5, renders it into #card and
 * returns every parse or validation problem.
 */
export function galleryPageHtml(): string {
  const renderer = readFileSync(path.join(AC_DIST, 'adaptivecards.min.js'), 'utf8');
  const css = readFileSync(path.join(AC_DIST, 'adaptivecards.css'), 'utf8');
  const inPage = `
${MARKDOWN_JS}
window.masaRender = function (cardJson) {
  const AC = window.AdaptiveCards;
  AC.AdaptiveCard.onProcessMarkdown = function (text, result) {
    result.outputHtml = masaMarkdown(text);
    result.didProcess = true;
  };
  const card = new AC.AdaptiveCard();
  card.hostConfig = new AC.HostConfig(${JSON.stringify(TEAMS_HOST_CONFIG)});
  const context = new AC.SerializationContext(AC.Versions.v1_5);
  card.parse(cardJson, context);
  const problems = [];
  for (let i = 0; i < context.eventCount; i++) problems.push('parse: ' + context.getEventAt(i).message);
  const validation = card.validateProperties();
  for (const event of validation.validationEvents) problems.push('validate: ' + event.message);
  const host = document.getElementById('card');
  host.replaceChildren();
  const element = card.render();
  if (!element) problems.push('render: the renderer produced nothing');
  else host.appendChild(element);
  return problems;
};`;
  return `<!doctype html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data:">
<style>${css}</style>
<style>${TEAMS_CSS}</style>
<script>${renderer}</script>
<script>${inPage}</script>
</head>
<body><div id="frame"><div id="card"></div></div></body>
</html>`;
}
