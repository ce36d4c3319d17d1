import { MultiBar, Presets } from 'cli-progress';
import type { CliContext } from './context.js';

/** What the bar shows besides the percentage. */
export interface ProgressCounts {
  read: number;
  applied: number;
  ignored: number;
  rejected: number;
}

export interface Progress {
  advance(bytes: number, counts: ProgressCounts): void;
  stop(): void;
}

/**
 * A progress bar over the input's bytes, drawn on stderr when it is a terminal; nothing
 * otherwise (CI logs and pipes get the summary only). Log lines written meanwhile are printed
 * above the bar instead of through it.
 */
export function startProgress(context: CliContext, totalBytes: number): Progress {
  if (!context.interactive) return { advance: () => undefined, stop: () => undefined };
  const bars = new MultiBar(
    {
      stream: context.io.stderr,
      format:
        '{bar} {percentage}% | {read} read: {applied} applied, {ignored} ignored, {rejected} rejected',
      hideCursor: true,
      clearOnComplete: true,
    },
    Presets.shades_classic,
  );
  const bar = bars.create(Math.max(totalBytes, 1), 0, {
    read: 0,
    applied: 0,
    ignored: 0,
    rejected: 0,
  });
  context.logSink.divert = (line) => bars.log(line);
  return {
    advance: (bytes, counts) => bar.increment(bytes, { ...counts }),
    stop: () => {
      bars.stop();
      context.logSink.divert = undefined;
    },
  };
}
