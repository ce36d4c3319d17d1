import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { gitEnvironment } from './git-command.js';

interface Pending {
  resolve: (line: string) => void;
  reject: (error: Error) => void;
}

/**
 * A long-lived git process that answers each request with one line (`hash-object --stdin-paths`,
 * `mktree --batch`). Writing many objects then costs one process, not one per object. Started on
 * first use; a crash fails the requests in flight and the next request starts a new process.
 */
export class LineProcess {
  private child: ChildProcessWithoutNullStreams | undefined;
  private readonly queue: Pending[] = [];
  private pendingText = '';

  constructor(
    private readonly gitDir: string,
    private readonly args: string[],
  ) {}

  /** Writes `text` (a complete request, with its terminator) and resolves with the answer line. */
  request(text: string): Promise<string> {
    const child = this.process();
    return new Promise((resolve, reject) => {
      this.queue.push({ resolve, reject });
      child.stdin.write(text);
    });
  }

  close(): void {
    this.child?.stdin.end();
    this.child = undefined;
  }

  private process(): ChildProcessWithoutNullStreams {
    if (this.child) return this.child;
    const child = spawn('git', this.args, {
      env: gitEnvironment(this.gitDir),
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    child.stdout.on('data', (chunk: Buffer) => this.receive(chunk.toString('utf8')));
    child.stdin.on('error', () => undefined);
    const fail = (reason: string) => {
      if (this.child === child) this.child = undefined;
      this.pendingText = '';
      const error = new Error(
        `git ${this.args.join(' ')} ${reason}${stderr ? `: ${stderr.trim()}` : ''}`,
      );
      for (const pending of this.queue.splice(0)) pending.reject(error);
    };
    child.on('error', (error) => fail(error.message));
    child.on('close', (code) => fail(`exited with ${code}`));
    this.pendingText = '';
    this.child = child;
    return child;
  }

  private receive(text: string): void {
    this.pendingText += text;
    let newline: number;
    while ((newline = this.pendingText.indexOf('\n')) >= 0) {
      const line = this.pendingText.slice(0, newline);
      this.pendingText = this.pendingText.slice(newline + 1);
      this.queue.shift()?.resolve(line);
    }
  }
}
