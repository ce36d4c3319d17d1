import type { Label } from 'forgejo-js';
import type { ForgejoClient } from './client.js';

/** Colour for labels the adapter creates; Forgejo requires one (CreateLabelOption.color). */
const NEW_LABEL_COLOR = '#ededed';

/**
 * Label names to ids, creating labels that do not exist yet (the port's contract).
 *
 * Forgejo's issue-label endpoints take ids or names but silently drop names that match no label
 * (forges/FACTS.md), and `POST .../pulls` takes ids only (CreatePullRequestOption.labels: int64[]),
 * so the adapter resolves names itself. The repository's labels are listed once and cached; a name
 * the cache lacks triggers one re-list (someone may have created it) before the label is created.
 */
export class LabelIds {
  private byName: Map<string, number> | undefined;

  constructor(private readonly client: ForgejoClient) {}

  async idsOf(names: string[]): Promise<number[]> {
    const wanted = [...new Set(names)];
    if (this.byName === undefined || wanted.some((name) => !this.byName?.has(name))) {
      await this.refresh();
    }
    const ids: number[] = [];
    for (const name of wanted) ids.push(this.byName?.get(name) ?? (await this.create(name)));
    return ids;
  }

  private async refresh(): Promise<void> {
    const { api, owner, name } = this.client;
    const labels = await this.client.all('GET labels', (page, limit) =>
      api.repos.issueListLabels(owner, name, { page, limit }),
    );
    this.byName = new Map(labels.map((label: Label) => [label.name ?? '', label.id ?? 0]));
  }

  private async create(labelName: string): Promise<number> {
    const { api, owner, name } = this.client;
    const { data } = await this.client.call(`POST labels ${labelName}`, () =>
      api.repos.issueCreateLabel(owner, name, { name: labelName, color: NEW_LABEL_COLOR }),
    );
    const id = data.id ?? 0;
    this.byName?.set(labelName, id);
    return id;
  }
}
