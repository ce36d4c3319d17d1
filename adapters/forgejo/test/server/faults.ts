/**
 * Failures the tests inject: an answer the server gives instead of handling the request, the next
 * `times` requests to an operation. They stand for what sits in front of Forgejo or goes wrong
 * inside it (Codeberg's throttle answering 429 with Retry-After, RATE-LIMITS.md; a 500 from a
 * broken backend) and for answers whose real cause is hard to stage (405/409 on merge, 422 for a
 * stale sha, 404 for a deleted branch: FACTS.md).
 */
export interface Fault {
  /** The swagger operationId it applies to (`repoMergePullRequest`). */
  operation: string;
  status: number;
  headers?: Record<string, string>;
  /** JSON body; default `{message}` as Forgejo's APIError. */
  body?: unknown;
  /** How many requests it answers; default 1. */
  times?: number;
}

export class Faults {
  private readonly pending: (Fault & { left: number })[] = [];

  add(fault: Fault): void {
    this.pending.push({ ...fault, left: fault.times ?? 1 });
  }

  /** The fault for this request, if one is armed (and spends one use of it). */
  take(operation: string): Fault | undefined {
    const fault = this.pending.find((f) => f.operation === operation && f.left > 0);
    if (fault !== undefined) fault.left -= 1;
    return fault;
  }

  clear(): void {
    this.pending.length = 0;
  }
}
