/**
 * Figure 4's measured process (figures/memory.ts starts it with --expose-gc): events through the
 * bus runner on an instant forge, in rounds of updates that all finish; after each round the
 * instant forge forgets the finished PRs (InstantForge.compact, so its own memory is not
 * counted as the runner's). At each checkpoint, after a full GC, it prints one JSON line:
 * `{"events": n, "rss": bytes, "heapUsed": bytes, "seconds": s}`.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { configureServiceProcess } from '@forgegate/runner';
import { InstantForge } from './instant-forge.js';
import { openRunner, runnerConfig, streamSource } from './runner-under-test.js';
import { loadUpdateTemplates } from './stream/bodhi-templates.js';
import { messagesPerUpdate, updateStream } from './stream/update-stream.js';

const ROUND_EVENTS = 1_000;

async function main(): Promise<void> {
  // Measured as `forgegate run` runs it: the service's own V8 settings.
  configureServiceProcess();
  const checkpoints = (process.argv[2] ?? '')
    .split(',')
    .map(Number)
    .filter((n) => n > 0);
  const collect = (globalThis as { gc?: () => void }).gc;
  if (checkpoints.length === 0 || !collect)
    throw new Error('usage: node --expose-gc memory-run.js N1,N2,...');
  const templates = loadUpdateTemplates();
  const perRound = Math.max(1, Math.round(ROUND_EVENTS / messagesPerUpdate(templates)));
  const directory = mkdtempSync(join(tmpdir(), 'forgegate-bench-memory-'));
  const forge = new InstantForge();
  const runner = await openRunner(runnerConfig(directory), forge);
  const started = process.hrtime.bigint();
  let events = 0;
  try {
    for (let round = 0; checkpoints.length > 0; round += 1) {
      const messages = updateStream(templates, { updates: perRound, start: round * perRound });
      await runner.runToCompletion([streamSource(messages, () => (events += 1))]);
      forge.compact();
      if (events < (checkpoints[0] as number)) continue;
      checkpoints.shift();
      collect();
      const { rss, heapUsed } = process.memoryUsage();
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      process.stdout.write(`${JSON.stringify({ events, rss, heapUsed, seconds })}\n`);
    }
  } finally {
    runner.close();
    rmSync(directory, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  process.stderr.write(
    `memory-run: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exitCode = 1;
});
