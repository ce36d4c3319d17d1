/**
 * The pipeline rules' memory in one object: the NVR → open update PR index and the result store
 * (../nvr-index.ts). The runner may create one with a durable store and pass it in the apply
 * context; without one, each port gets its own in-memory state on first use.
 */
import type { ForgePort } from '../port.js';
import {
  MemoryResultStore,
  NvrIndex,
  readOpenUpdatePulls,
  type ResultStore,
} from '../nvr-index.js';

export class PipelineState {
  readonly index = new NvrIndex();
  readonly results: ResultStore;
  #loading: Promise<void> | undefined;

  constructor(options: { results?: ResultStore } = {}) {
    this.results = options.results ?? new MemoryResultStore();
  }

  /**
   * Fills the index from the forge's open PRs the first time it is called (DESIGN.md: listing
   * the open PRs once at start is fine, per message it is not). A failed listing is retried by
   * the next call.
   */
  ready(port: ForgePort, botLogin: string): Promise<void> {
    this.#loading ??= readOpenUpdatePulls(port, botLogin).then(
      (pulls) => {
        for (const pull of pulls) this.index.upsert(pull);
      },
      (error: unknown) => {
        this.#loading = undefined;
        throw error;
      },
    );
    return this.#loading;
  }
}

const statesByPort = new WeakMap<ForgePort, PipelineState>();

/** The state for `port` when the caller passed none: one per port, for the port's lifetime. */
export function pipelineStateFor(port: ForgePort, given?: PipelineState): PipelineState {
  if (given !== undefined) return given;
  let state = statesByPort.get(port);
  if (state === undefined) {
    state = new PipelineState();
    statesByPort.set(port, state);
  }
  return state;
}
