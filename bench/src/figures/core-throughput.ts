/**
 * Figure 1: bytes per second through the core (parse, validate, desired state, diff against the
 * actual state an instant forge holds), against bare `JSON.parse` of the same bytes, alternating
 * so both see the same machine. Two rows: the stream applied for the first time (the reconciler
 * also makes its writes, into memory), and replayed onto the state it left (reads only).
 */
import { DEFAULT_CORE_CONFIG, applyEvent, parseMessage, type ForgePort } from '@forgegate/core';
import { InstantForge } from '../instant-forge.js';
import type { UpdateTemplate } from '../stream/bodhi-templates.js';
import { updateStream } from '../stream/update-stream.js';
import { rate, type FigureRow, type RunOptions } from '../figure.js';

const PARSE = { topicPrefixes: DEFAULT_CORE_CONFIG.topicPrefixes };
const CONTEXT = { config: DEFAULT_CORE_CONFIG, botLogin: 'forgegate' };

async function throughCore(texts: string[], port: ForgePort): Promise<void> {
  for (const text of texts) {
    const parsed = parseMessage(text, PARSE);
    if (parsed.outcome !== 'event')
      throw new Error(`generated message not an event: ${parsed.reason}`);
    await applyEvent(port, parsed.event, CONTEXT);
  }
}

function jsonParse(texts: string[]): void {
  let keys = 0;
  for (const text of texts) keys += Object.keys(JSON.parse(text) as object).length;
  if (keys === 0) throw new Error('nothing parsed');
}

function seconds(start: bigint): number {
  return Number(process.hrtime.bigint() - start) / 1e9;
}

export async function coreThroughput(
  templates: UpdateTemplate[],
  options: RunOptions,
): Promise<FigureRow[]> {
  const updates = options.quick ? 300 : 1500;
  const rounds = options.quick ? 2 : 3;
  const texts = [...updateStream(templates, { updates })].map((message) => message.text);
  const bytes = texts.reduce((sum, text) => sum + Buffer.byteLength(text), 0);
  options.log(
    `figure 1: ${texts.length} messages about ${updates} updates, ${(bytes / 1e6).toFixed(1)} MB`,
  );

  let json = Infinity;
  let live = Infinity;
  let replay = Infinity;
  for (let round = 0; round < rounds; round += 1) {
    let start = process.hrtime.bigint();
    jsonParse(texts);
    json = Math.min(json, seconds(start));
    const forge = new InstantForge();
    start = process.hrtime.bigint();
    await throughCore(texts, forge);
    live = Math.min(live, seconds(start));
    start = process.hrtime.bigint();
    await throughCore(texts, forge);
    replay = Math.min(replay, seconds(start));
  }
  const baseline = rate(bytes / 1e6, json, 'MB');
  const row = (figure: string, time: number): FigureRow => ({
    figure,
    measured: `${rate(bytes / 1e6, time, 'MB')} (${rate(texts.length, time, 'msg')})`,
    baseline: `JSON.parse ${baseline}`,
    ratio: json / time,
    goal: '≥ 50%',
    met: json / time >= 0.5,
  });
  return [
    row('1a core throughput, stream applied (bytes/s)', live),
    row('1b core throughput, replay onto its state (bytes/s)', replay),
  ];
}
