/**
 * Figure 4: resident memory of the bus runner (instant forge, SQLite inbox, workers) after two
 * event counts, in a process of its own (../memory-run.ts) so nothing else this run did is in
 * its RSS. A full run measures 100,000 and 300,000 events (1,000,000 takes longer than the
 * whole run may: `--events 100000,1000000`); `--quick` measures 3,000 and 10,000.
 */
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { FigureRow, RunOptions } from '../figure.js';

const LIMIT_BYTES = 150 * 1024 * 1024;
const MB = 1024 * 1024;

interface Checkpoint {
  events: number;
  rss: number;
  heapUsed: number;
  seconds: number;
}

export function memoryCheckpoints(options: RunOptions): number[] {
  return options.events ?? (options.quick ? [3_000, 10_000] : [100_000, 300_000]);
}

export async function memory(_templates: unknown, options: RunOptions): Promise<FigureRow[]> {
  const counts = memoryCheckpoints(options);
  const script = fileURLToPath(new URL('../memory-run.js', import.meta.url));
  const output = execFileSync(process.execPath, ['--expose-gc', script, counts.join(',')], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const points = output
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as Checkpoint);
  const first = points[0];
  const last = points.at(-1);
  if (!first || !last || points.length < 2)
    throw new Error(`memory-run printed ${points.length} checkpoints`);
  options.log(
    `figure 4: ${points.map((p) => `${p.events} events ${(p.rss / MB).toFixed(0)} MB at ${p.seconds.toFixed(0)} s`).join(', ')}`,
  );
  const growth = last.rss / first.rss;
  const events = (n: number) => n.toLocaleString('en-US');
  return [
    {
      figure: `4 memory: RSS after ${events(first.events)} → ${events(last.events)} events`,
      measured: `${(last.rss / MB).toFixed(0)} MB (heap ${(last.heapUsed / MB).toFixed(0)} MB)`,
      baseline: `${(first.rss / MB).toFixed(0)} MB (heap ${(first.heapUsed / MB).toFixed(0)} MB)`,
      ratio: growth,
      goal: 'growth < 10%, < 150 MB',
      met: growth < 1.1 && last.rss < LIMIT_BYTES,
      note: `${(last.events / last.seconds).toFixed(0)} events/s through the runner; RSS after a full GC`,
    },
  ];
}
