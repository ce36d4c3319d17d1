import { aliasOfHead } from '@forgegate/core';
import type { BodhiClient } from './bodhi-client.js';
import { refreshMessage } from './bodhi-client.js';
import type { Intake, Source } from './source.js';

/**
 * Every `intervalMs`, fetches from Bodhi the update behind each open PR and queues it like any
 * message, so what never reaches the bus (Bodhi's own comments, a missed message) still reaches
 * the forge. An unchanged update has the same content id as last time: a duplicate, not work.
 */
export class BodhiRefreshSource implements Source {
  constructor(
    readonly name: string,
    private readonly options: {
      client: BodhiClient;
      /** The open PRs' head branches (one listing of open PRs: cheap on every forge). */
      openHeads: () => Promise<string[]>;
      intervalMs: number;
      topicPrefix: string;
    },
  ) {}

  async run(intake: Intake, signal: AbortSignal): Promise<void> {
    while (!signal.aborted) {
      await this.refreshOnce(intake, signal).catch((error: Error) =>
        intake.logger.warn(
          `Bodhi refresh failed, next in ${this.options.intervalMs} ms: ${error.message}`,
          {
            source: this.name,
          },
        ),
      );
      await intake.clock.sleep(this.options.intervalMs, signal);
    }
  }

  async refreshOnce(intake: Intake, signal?: AbortSignal): Promise<number> {
    let queued = 0;
    for (const head of await this.options.openHeads()) {
      if (signal?.aborted) break;
      const alias = aliasOfHead(head);
      if (alias === undefined) continue;
      const update = await this.options.client.update(alias);
      if (update === null) continue;
      const result = intake.accept({
        source: this.name,
        text: refreshMessage(update, this.options.topicPrefix),
        origin: `${this.name}:${alias}`,
      });
      if (result.status === 'queued') queued += 1;
    }
    return queued;
  }
}
