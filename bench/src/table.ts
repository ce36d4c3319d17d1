/** The benchmark table, as Markdown: readable in a terminal, pasted as is into docs/performance.md. */
import type { FigureRow } from './figure.js';

function percent(ratio: number | undefined): string {
  if (ratio === undefined) return '—';
  return ratio >= 10 ? `${ratio.toFixed(0)}×` : `${(ratio * 100).toFixed(ratio < 0.1 ? 1 : 0)}%`;
}

function met(row: FigureRow): string {
  if (row.met === undefined) return 'not measured';
  return row.met ? 'yes' : 'no';
}

export function formatTable(rows: FigureRow[]): string {
  const header = ['figure', 'measured', 'baseline', 'ratio', 'goal', 'met?'];
  const cells = rows.map((row) => [
    row.figure,
    row.measured,
    row.baseline,
    percent(row.ratio),
    row.goal,
    met(row),
  ]);
  const widths = header.map((title, i) =>
    Math.max(title.length, ...cells.map((line) => (line[i] ?? '').length)),
  );
  const line = (values: string[]) =>
    `| ${values.map((value, i) => value.padEnd(widths[i] ?? 0)).join(' | ')} |`;
  const notes = rows
    .filter((row) => row.note !== undefined)
    .map((row) => `- ${row.figure.split(' ')[0]}: ${row.note}`);
  return [
    line(header),
    line(widths.map((width) => '-'.repeat(width))),
    ...cells.map(line),
    '',
    ...notes,
  ].join('\n');
}
