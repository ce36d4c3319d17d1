import { createReadStream } from 'node:fs';
import { readdir, readFile, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { fileTopicOf } from '@forgegate/core';
import type { InboundRecord } from '../pipeline/record-processor.js';
import { cannotRead } from '../cli/input-error.js';

/**
 * What `forgegate replay` reads: JSONL files (one envelope a line), single `.json` message files,
 * and directories of `.json` message files taken in file-name order. A `.json` file may hold a
 * bare body; its topic is then the file name before `__` (`bodhi.update.comment__x.json`).
 */
export interface ReplayInput {
  path: string;
  kind: 'jsonl' | 'message-file';
  bytes: number;
}

export interface ReadRecord {
  record: InboundRecord;
  /** Bytes of input this record consumed, for the progress bar. */
  bytes: number;
}

/** A line longer than this is cut here and rejected by the parser's size limit, not buffered whole. */
export const MAX_LINE_BYTES = 16 * 1024 * 1024;

export async function listInputs(paths: readonly string[]): Promise<ReplayInput[]> {
  const inputs: ReplayInput[] = [];
  for (const path of paths) {
    const info = await stat(path).catch((error: unknown) => {
      throw cannotRead(path, error);
    });
    if (info.isDirectory()) {
      const names = (await readdir(path))
        .filter((name) => name.endsWith('.json'))
        .sort(byCodePoint);
      for (const name of names) {
        const file = join(path, name);
        inputs.push({ path: file, kind: 'message-file', bytes: (await stat(file)).size });
      }
    } else {
      const kind = path.endsWith('.json') ? 'message-file' : 'jsonl';
      inputs.push({ path, kind, bytes: info.size });
    }
  }
  return inputs;
}

export async function* readInput(input: ReplayInput): AsyncGenerator<ReadRecord> {
  if (input.kind === 'message-file') {
    const text = await readFile(input.path);
    const fileTopic = fileTopicOf(basename(input.path));
    yield {
      record: { text, origin: input.path, ...(fileTopic === undefined ? {} : { fileTopic }) },
      bytes: input.bytes,
    };
    return;
  }
  let lineNumber = 0;
  let skipped = 0;
  for await (const { line, bytes } of lines(input.path)) {
    lineNumber += 1;
    // Blank lines (spacing) are not records; their bytes count with the next record.
    if (isBlank(line)) {
      skipped += bytes;
      continue;
    }
    yield { record: { text: line, origin: `${input.path}:${lineNumber}` }, bytes: bytes + skipped };
    skipped = 0;
  }
}

/** Splits a file on `\n` as bytes, so binary garbage reaches the parser unchanged. */
async function* lines(path: string): AsyncGenerator<{ line: Uint8Array; bytes: number }> {
  let parts: Buffer[] = [];
  let kept = 0;
  let consumed = 0;
  const finish = (): { line: Uint8Array; bytes: number } => {
    let line = Buffer.concat(parts);
    if (line.at(-1) === 0x0d) line = line.subarray(0, -1);
    const result = { line, bytes: consumed };
    parts = [];
    kept = 0;
    consumed = 0;
    return result;
  };
  const keep = (chunk: Buffer): void => {
    const room = MAX_LINE_BYTES + 1 - kept;
    if (room <= 0) return;
    const piece = chunk.length > room ? chunk.subarray(0, room) : chunk;
    parts.push(piece);
    kept += piece.length;
  };
  for await (const chunk of createReadStream(path) as AsyncIterable<Buffer>) {
    let start = 0;
    for (let end = chunk.indexOf(0x0a); end !== -1; end = chunk.indexOf(0x0a, start)) {
      keep(chunk.subarray(start, end));
      consumed += end - start + 1;
      yield finish();
      start = end + 1;
    }
    keep(chunk.subarray(start));
    consumed += chunk.length - start;
  }
  if (consumed > 0) yield finish();
}

function isBlank(line: Uint8Array): boolean {
  return line.every((byte) => byte === 0x20 || byte === 0x09 || byte === 0x0d);
}

function byCodePoint(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
