import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { gitEnvironment } from './git-command.js';

/** One object as `git cat-file --batch` returns it. */
export interface GitObject {
  oid: string;
  type: 'blob' | 'tree' | 'commit' | 'tag';
  content: Buffer;
}

const OBJECT_HEADER = /^([0-9a-f]{40,64}) (blob|tree|commit|tag) (\d+)$/;

interface Pending {
  resolve: (object: GitObject | null) => void;
  reject: (error: Error) => void;
}

/**
 * One long-lived `git cat-file --batch` process, for the objects the adapter does not read itself:
 * those only found in a pack (after a `git gc`). A read is a line written and an answer parsed,
 * not a process spawned; requests are pipelined (answers come back in order), and git looks for
 * new packs when an object is missing, so a repack by another process is seen.
 */
export class ObjectReader {
  private child: ChildProcessWithoutNullStreams | undefined;
  private readonly queue: Pending[] = [];
  private buffer: Buffer = Buffer.alloc(0);

  constructor(private readonly gitDir: string) {}

  /** The object `name` (an oid) names, or null when there is none. */
  read(name: string): Promise<GitObject | null> {
    if (/[\n\r]/.test(name)) return Promise.resolve(null);
    const child = this.process();
    return new Promise((resolve, reject) => {
      this.queue.push({ resolve, reject });
      child.stdin.write(`${name}\n`);
    });
  }

  close(): void {
    this.child?.stdin.end();
    this.child = undefined;
  }

  private process(): ChildProcessWithoutNullStreams {
    if (this.child) return this.child;
    const child = spawn('git', ['cat-file', '--batch'], {
      env: gitEnvironment(this.gitDir),
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    child.stdout.on('data', (chunk: Buffer) => this.receive(chunk));
    child.stdin.on('error', () => undefined);
    const fail = (reason: string) => {
      if (this.child === child) this.child = undefined;
      this.buffer = Buffer.alloc(0);
      const error = new Error(
        `git cat-file --batch ${reason}${stderr ? `: ${stderr.trim()}` : ''}`,
      );
      for (const pending of this.queue.splice(0)) pending.reject(error);
    };
    child.on('error', (error) => fail(error.message));
    child.on('close', (code) => fail(`exited with ${code}`));
    this.buffer = Buffer.alloc(0);
    this.child = child;
    return child;
  }

  private receive(chunk: Buffer): void {
    this.buffer = this.buffer.length ? Buffer.concat([this.buffer, chunk]) : chunk;
    for (;;) {
      const newline = this.buffer.indexOf(0x0a);
      if (newline < 0) return;
      const header = this.buffer.subarray(0, newline).toString('utf8');
      const found = OBJECT_HEADER.exec(header);
      if (!found) {
        // `<name> missing` or `<name> ambiguous`: no content follows.
        this.buffer = this.buffer.subarray(newline + 1);
        this.queue.shift()?.resolve(null);
        continue;
      }
      const [, oid, type, size] = found as unknown as [string, string, GitObject['type'], string];
      const end = newline + 1 + Number(size);
      if (this.buffer.length < end + 1) return;
      const content = Buffer.from(this.buffer.subarray(newline + 1, end));
      this.buffer = this.buffer.subarray(end + 1);
      this.queue.shift()?.resolve({ oid, type, content });
    }
  }
}
