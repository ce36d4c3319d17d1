/**
 * Figure 3: forge calls per update over whole lifecycles, against the fewest writes a correct bot
 * can make (derived by hand in docs/performance.md, "The minimum"), then a replay of the same
 * messages, which must write nothing. Every call goes through the core's counting port, the
 * one the runner counts the replay summary's writes with.
 */
import {
  DEFAULT_CORE_CONFIG,
  WRITE_OPERATIONS,
  applyEvent,
  countingPort,
  parseMessage,
} from '@forgegate/core';
import { InstantForge } from '../instant-forge.js';
import type { UpdateTemplate } from '../stream/bodhi-templates.js';
import { lifecyclePlan, updateStream } from '../stream/update-stream.js';
import type { FigureRow, RunOptions } from '../figure.js';

const WRITES: ReadonlySet<string> = new Set(WRITE_OPERATIONS);

/**
 * The hand-derived minimum (docs/performance.md, "The minimum") for one lifecycle of M messages
 * carrying C Bodhi comments: 3 to open (setBranch + commitFiles for the head, createPull with its
 * labels); C createComment; M − 1 updatePull (each later snapshot is newer, and its version must
 * reach the PR body's marker: title, body and a close ride in that one call); one setPullLabels
 * per message whose status or request differs from the one before; one setStatus for the karma
 * status on the new head, then one per message that changes what it must show (its state, or
 * the count while still pending: once the threshold is reached the outcome is what matters); 1 to
 * finish (mergePull, or the closing notice of an obsoleted update).
 */
export function minimumWrites(template: UpdateTemplate): number {
  const plan = lifecyclePlan(template);
  const { comments, stable_karma: stable, unstable_karma: unstable } = template.update;
  const shown = (seen: number): string => {
    const karma = comments
      .slice(0, seen)
      .reduce((sum, comment) => sum + Number(comment.karma ?? 0), 0);
    if (typeof unstable === 'number' && karma <= unstable) return 'failure';
    if (typeof stable === 'number' && karma >= stable) return 'success';
    return `pending ${karma}`;
  };
  let labels = 0;
  let statuses = 1;
  plan.forEach((step, i) => {
    const before = plan[i - 1];
    if (!before) return;
    if (step.status !== before.status || step.request !== before.request) labels += 1;
    if (shown(step.seen) !== shown(before.seen)) statuses += 1;
  });
  return 3 + template.update.comments.length + (plan.length - 1) + labels + statuses + 1;
}

/** A release the repository has no branch for yet costs one root commit, once per stream. */
function newBases(templates: UpdateTemplate[], updates: number): number {
  const used = templates.slice(0, Math.min(updates, templates.length));
  return new Set(used.map((template) => (template.update.release as { branch?: string }).branch))
    .size;
}

function split(calls: Record<string, number>): { writes: number; reads: number } {
  let writes = 0;
  let reads = 0;
  for (const [name, count] of Object.entries(calls)) {
    if (name === 'whoami') continue;
    if (WRITES.has(name)) writes += count;
    else reads += count;
  }
  return { writes, reads };
}

function breakdown(calls: Record<string, number>, updates: number): string {
  return Object.entries(calls)
    .filter(([name]) => WRITES.has(name))
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([name, count]) => `${name} ${(count / updates).toFixed(2)}`)
    .join(', ');
}

export async function forgeCalls(
  templates: UpdateTemplate[],
  options: RunOptions,
): Promise<FigureRow[]> {
  const updates = options.quick ? 170 : 1700;
  const messages = [...updateStream(templates, { updates })];
  const perLifecycle = Array.from({ length: updates }, (_, i) =>
    minimumWrites(templates[i % templates.length] as UpdateTemplate),
  );
  const minimum =
    (perLifecycle.reduce((sum, n) => sum + n, 0) + newBases(templates, updates)) / updates;
  const parse = { topicPrefixes: DEFAULT_CORE_CONFIG.topicPrefixes };
  const context = { config: DEFAULT_CORE_CONFIG, botLogin: 'forgegate' };
  const forge = new InstantForge();

  const pass = async () => {
    const counting = countingPort(forge);
    for (const message of messages) {
      const parsed = parseMessage(message.text, parse);
      if (parsed.outcome !== 'event')
        throw new Error(`generated message not an event: ${parsed.reason}`);
      await applyEvent(counting.port, parsed.event, context);
    }
    return counting.calls();
  };
  const first = await pass();
  const again = await pass();
  const live = split(first);
  const replay = split(again);
  options.log(
    `figure 3: ${messages.length} messages, ${updates} updates; writes per update: ${breakdown(first, updates)}`,
  );
  const perUpdate = live.writes / updates;
  return [
    {
      figure: '3a forge writes per update (whole lifecycle)',
      measured: `${perUpdate.toFixed(2)} writes, ${(live.reads / updates).toFixed(2)} reads`,
      baseline: `minimum ${minimum.toFixed(2)} writes`,
      ratio: perUpdate / minimum,
      goal: '= minimum (100%)',
      met: Math.abs(perUpdate - minimum) < 0.005,
      note: breakdown(first, updates),
    },
    {
      figure: '3b replay of applied messages',
      measured: `${replay.writes} writes, ${(replay.reads / updates).toFixed(2)} reads/update`,
      baseline: '0 writes',
      goal: '0 writes',
      met: replay.writes === 0,
    },
  ];
}
