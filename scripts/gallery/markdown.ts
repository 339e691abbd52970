/**
 * The small Markdown subset Teams renders in TextBlocks (bold, italic, links,
 * bullet and numbered lists, line breaks), as HTML for the gallery renderer.
 * Runs inside the page, so it is written as plain JavaScript source.
 */
export const MARKDOWN_JS = `
function masaMarkdown(text) {
  const escape = (s) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
  const inline = (s) =>
    escape(s)
      .replace(/\\*\\*([^*]+)\\*\\*/g, '<strong>$1</strong>')
      .replace(/(^|[^\\w])_([^_]+)_(?=$|[^\\w])/g, '$1<em>$2</em>')
      .replace(/\\[([^\\]]+)\\]\\(([^)\\s]+)\\)/g, '<a class="ac-anchor" href="$2">$1</a>');
  const lines = text.split(/\\r?\\n/);
  const out = [];
  let list = null;
  for (const line of lines) {
    const bullet = /^\\s*[-*]\\s+(.*)$/.exec(line);
    const numbered = /^\\s*\\d+\\.\\s+(.*)$/.exec(line);
    const kind = bullet ? 'ul' : numbered ? 'ol' : null;
    if (kind !== list) {
      if (list) out.push('</' + list + '>');
      if (kind) out.push('<' + kind + ' style="margin:0;padding-left:20px">');
      list = kind;
    }
    if (kind) out.push('<li>' + inline((bullet || numbered)[1]) + '</li>');
    else out.push(inline(line) + '<br>');
  }
  if (list) out.push('</' + list + '>');
  return out.join('').replace(/(<br>)+$/, '');
}
`;
