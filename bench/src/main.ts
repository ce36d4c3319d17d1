/**
 * `pnpm bench [--quick] [--only 1,3,5] [--events 100000,1000000]`: every figure measured beside its baseline in one run,
 * printed as one table on stdout (progress on stderr). `--quick` runs smaller counts (CI).
 */
import { parseArgs } from 'node:util';
import { loadUpdateTemplates } from './stream/bodhi-templates.js';
import { coreThroughput } from './figures/core-throughput.js';
import { forgeCalls } from './figures/forge-calls.js';
import { gitForge } from './figures/git-forge.js';
import { memory } from './figures/memory.js';
import { pipeline } from './figures/pipeline.js';
import type { FigureRow, RunOptions } from './figure.js';
import { formatTable } from './table.js';
import type { UpdateTemplate } from './stream/bodhi-templates.js';

type Figure = (templates: UpdateTemplate[], options: RunOptions) => Promise<FigureRow[]>;

/** Cheapest first: a failure late in a long run costs less. */
const FIGURES: [number, Figure][] = [
  [1, coreThroughput],
  [3, forgeCalls],
  [5, gitForge],
  [4, memory],
  [2, pipeline],
];

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      quick: { type: 'boolean', default: false },
      only: { type: 'string' },
      events: { type: 'string' },
    },
  });
  const only = values.only?.split(',').map(Number);
  const options: RunOptions = {
    quick: values.quick,
    log: (line) => process.stderr.write(`bench: ${line}\n`),
    ...(values.events ? { events: values.events.split(',').map(Number) } : {}),
  };
  const templates = loadUpdateTemplates();
  const started = Date.now();
  const rows: FigureRow[] = [];
  for (const [number, figure] of FIGURES) {
    if (only && !only.includes(number)) continue;
    rows.push(...(await figure(templates, options)));
  }
  const seconds = ((Date.now() - started) / 1000).toFixed(0);
  process.stdout.write(
    `${formatTable(rows)}\n\n${values.quick ? 'quick run (smaller counts)' : 'full run'}, ${seconds} s\n`,
  );
}

main().catch((error: unknown) => {
  process.stderr.write(
    `bench: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exitCode = 1;
});
