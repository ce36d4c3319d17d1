import { listInputs, readInput } from '../replay/inputs.js';
import type { Intake, Source } from './source.js';

/**
 * JSONL files, message files and directories, read exactly as `forgegate replay` reads them, but
 * into the inbox: the workers then apply them with the service's ordering and retries.
 */
export class FileSource implements Source {
  constructor(
    readonly name: string,
    private readonly paths: string[],
  ) {}

  async run(intake: Intake, signal: AbortSignal): Promise<void> {
    for (const input of await listInputs(this.paths)) {
      for await (const { record } of readInput(input)) {
        if (signal.aborted) return;
        intake.accept({ ...record, source: this.name });
      }
    }
  }
}
