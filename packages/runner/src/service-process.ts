/**
 * Settings for the long-lived service process (`forgegate run`), as opposed to one-shot commands.
 *
 * V8's default heap sizing keeps young-generation and code pages around after garbage collection:
 * a runner whose live heap is ~15 MB sat at 150–190 MB resident. `--optimize-for-size` makes V8
 * size its heap for memory rather than speed; measured with `pnpm bench --only 4`, resident memory
 * stays near 105 MB (docs/performance.md, figure 4). One-shot commands such as `replay` keep the
 * defaults, where speed matters more than memory.
 */
import { setFlagsFromString } from 'node:v8';

export const SERVICE_V8_FLAGS = '--optimize-for-size';

/** Call first thing in a service process, before it allocates much. */
export function configureServiceProcess(): void {
  setFlagsFromString(SERVICE_V8_FLAGS);
}
