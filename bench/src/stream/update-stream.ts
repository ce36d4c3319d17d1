/**
 * Long streams of Bodhi messages about many distinct updates, generated from the real update
 * objects (./bodhi-templates.ts) the way DESIGN.md asks for messages no capture has: each
 * generated update is a template with only the fields Bodhi changes between messages changed
 * (alias, builds, status, request, dates, karma, the comments so far), in fedora-messaging's
 * envelope. Its lifecycle replays the template's own comments one message at a time:
 *
 *   request.testing → complete.testing → one `comment` per further comment → complete.stable
 *   (request.obsolete for a template that ended obsolete)
 *
 * Updates run in batches, as Bodhi pushes them: every update of a batch gets its first message,
 * then its second, and so on, so each PR sees the base branch move under it.
 */
import type { BodhiObject, UpdateTemplate } from './bodhi-templates.js';

export interface StreamMessage {
  text: string;
  /** Index of the generated update the message is about. */
  update: number;
  action: string;
}

export interface StreamOptions {
  /** Updates generated; their lifecycles are whole. */
  updates: number;
  /** Updates in flight together. */
  batch?: number;
  /** Distinct package names per template (a branch holds this many times the templates' builds). */
  namesPerTemplate?: number;
  /** First update index (a later round of the same stream starts where the last one ended). */
  start?: number;
}

const TOPIC = 'org.fedoraproject.prod.bodhi.update.';
const EPOCH = Date.parse('2025-01-01T00:00:00Z');

function bodhiDate(ms: number): string {
  return new Date(ms).toISOString().slice(0, 19).replace('T', ' ');
}

/** `libcap-2.48-7.fc38` for update 1234 of name slot 5 → `libcap5-2.48-7.1234.fc38`. */
function renameNvr(nvr: string, slot: number, update: number): string {
  const release = nvr.lastIndexOf('-');
  const version = nvr.lastIndexOf('-', release - 1);
  const name = nvr.slice(0, version);
  const [first, ...rest] = nvr.slice(release + 1).split('.');
  return `${name}${slot}${nvr.slice(version, release)}-${[first, update, ...rest].join('.')}`;
}

/** One message of a lifecycle, as facts: what the update looks like when it is sent. */
export interface LifecycleStep {
  action: string;
  status: string;
  request: string | null;
  /** How many of the template's comments the update shows by then. */
  seen: number;
}

/** The lifecycle of an update made from `template` (see the header). */
export function lifecyclePlan(template: UpdateTemplate): LifecycleStep[] {
  const count = template.update.comments.length;
  const obsolete = template.update.status === 'obsolete';
  const steps: LifecycleStep[] = [
    { action: 'request.testing', status: 'pending', request: 'testing', seen: Math.min(1, count) },
    { action: 'complete.testing', status: 'testing', request: null, seen: Math.min(2, count) },
  ];
  for (let seen = 3; seen <= count; seen += 1) {
    steps.push({ action: 'comment', status: 'testing', request: null, seen });
  }
  steps.push(
    obsolete
      ? { action: 'request.obsolete', status: 'obsolete', request: null, seen: count }
      : { action: 'complete.stable', status: 'stable', request: null, seen: count },
  );
  return steps;
}

/** Messages of update `index` (from `template`); `build` must be called in order, each at its time. */
export function updateLifecycle(
  template: UpdateTemplate,
  index: number,
  slot: number,
): { action: string; build: (sentAt: number) => string }[] {
  const source = template.update;
  const alias = `FEDORA-2025-${index.toString(16).padStart(10, '0')}`;
  const builds = source.builds.map((build) => ({
    ...build,
    nvr: renameNvr(build.nvr as string, slot, index),
  }));
  const comments = source.comments.map((comment, j) => ({
    ...comment,
    id: index * 64 + j,
    update_id: index,
  }));
  const stamps: string[] = [];
  let submitted = 0;
  let pushed = 0;

  const snapshot = (sentAt: number, step: LifecycleStep): BodhiObject => {
    // A comment keeps the time it was first shown: Bodhi never rewrites old comments.
    for (let j = stamps.length; j < step.seen; j += 1) stamps.push(bodhiDate(sentAt));
    const shown: BodhiObject[] = comments
      .slice(0, step.seen)
      .map((comment, j) => ({ ...comment, timestamp: stamps[j] }));
    return {
      ...source,
      alias,
      updateid: alias,
      url: `https://bodhi.fedoraproject.org/updates/${alias}`,
      title: builds.map((build) => build.nvr).join(' '),
      builds,
      comments: shown,
      karma: shown.reduce((sum, comment) => sum + Number(comment.karma ?? 0), 0),
      status: step.status,
      request: step.request,
      date_submitted: bodhiDate(submitted),
      date_pushed: pushed ? bodhiDate(pushed) : null,
      date_testing: pushed ? bodhiDate(pushed) : null,
      date_stable: step.status === 'stable' ? bodhiDate(sentAt) : null,
      date_modified: null,
    };
  };

  return lifecyclePlan(template).map((step) => ({
    action: step.action,
    build: (sentAt: number) => {
      if (step.action === 'request.testing') submitted = sentAt;
      if (step.action === 'complete.testing') pushed = sentAt;
      const update = snapshot(sentAt, step);
      // A comment message carries the new comment, the update inside it (Bodhi's shape).
      const body =
        step.action === 'comment'
          ? { comment: { ...(update.comments as BodhiObject[]).at(-1), update }, agent: 'bodhi' }
          : { update, agent: 'bodhi' };
      return JSON.stringify({
        id: `${alias}-${step.action}-${sentAt}`,
        topic: `${TOPIC}${step.action}`,
        headers: { 'sent-at': new Date(sentAt).toISOString() },
        body,
      });
    },
  }));
}

/** The stream, generated lazily: a million messages never sit in memory at once. */
export function* updateStream(
  templates: UpdateTemplate[],
  options: StreamOptions,
): Generator<StreamMessage> {
  const batch = options.batch ?? 100;
  const names = options.namesPerTemplate ?? 128;
  const start = options.start ?? 0;
  const end = start + options.updates;
  let clock = EPOCH + start * 60_000;
  for (let first = start; first < end; first += batch) {
    const lifecycles = [];
    for (let index = first; index < Math.min(first + batch, end); index += 1) {
      const template = templates[index % templates.length] as UpdateTemplate;
      const slot = Math.floor(index / templates.length) % names;
      lifecycles.push({ index, steps: updateLifecycle(template, index, slot) });
    }
    for (let step = 0; lifecycles.some((l) => step < l.steps.length); step += 1) {
      for (const { index, steps } of lifecycles) {
        const message = steps[step];
        if (!message) continue;
        clock += 1000;
        yield { text: message.build(clock), update: index, action: message.action };
      }
    }
  }
}

/** Messages per update, on average, for a stream of `updates` updates (to size a run by events). */
export function messagesPerUpdate(templates: UpdateTemplate[]): number {
  const total = templates.reduce((sum, template) => sum + lifecyclePlan(template).length, 0);
  return total / templates.length;
}
