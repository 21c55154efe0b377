/** One bar: its label, its length (a count), the text shown beside it, and whether that text is exact or a range. */
export interface Bar {
  label: string;
  value: number;
  shown: string;
  exact: boolean;
}

/** Escapes text for HTML and SVG content and attribute values. */
export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
}

/**
 * A horizontal bar chart as inline SVG (no scripts, fonts or external references): role="img" with a title
 * and description for screen readers; a bar whose figure is a range is drawn pale and dashed at the range's low end.
 */
export function renderBarChart(options: { id: string; title: string; description: string; bars: readonly Bar[] }): string {
  const labelWidth = 190;
  const chartWidth = 420;
  const rowHeight = 26;
  const height = Math.max(1, options.bars.length) * rowHeight + 10;
  const max = Math.max(1, ...options.bars.map((b) => b.value));
  const rows = options.bars.map((bar, i) => {
    const y = 5 + i * rowHeight;
    const width = Math.max(bar.value > 0 ? 2 : 0, Math.round((bar.value / max) * (chartWidth - 90)));
    return [
      `<text x="${labelWidth - 8}" y="${y + 17}" text-anchor="end" class="label">${escapeXml(bar.label)}</text>`,
      `<rect x="${labelWidth}" y="${y + 4}" width="${width}" height="18" rx="2" class="${bar.exact ? "bar" : "bar range"}"/>`,
      `<text x="${labelWidth + width + 6}" y="${y + 17}" class="value">${escapeXml(bar.shown)}</text>`,
    ].join("");
  });
  const titleId = `${options.id}-title`;
  const descId = `${options.id}-desc`;
  return (
    `<svg role="img" aria-labelledby="${titleId} ${descId}" viewBox="0 0 ${labelWidth + chartWidth} ${height}" width="100%" class="chart">` +
    `<title id="${titleId}">${escapeXml(options.title)}</title><desc id="${descId}">${escapeXml(options.description)}</desc>` +
    rows.join("") +
    `</svg>`
  );
}
