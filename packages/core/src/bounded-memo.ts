/**
 * Results the core would otherwise compute again for every message (a comment's mirror, the
 * markers of a PR's comments: every message of an update repeats them), kept up to a number of
 * characters. When full it is emptied rather than trimmed: cheap, and memory stays flat over a
 * long run whatever the keys.
 */
export class BoundedMemo<K, V> {
  readonly #entries = new Map<K, V>();
  #chars = 0;

  constructor(private readonly maxChars: number) {}

  get(key: K): V | undefined {
    return this.#entries.get(key);
  }

  /** Remembers `value`, counting `chars` characters against the bound. */
  set(key: K, value: V, chars: number): void {
    if (this.#chars + chars > this.maxChars) {
      this.#entries.clear();
      this.#chars = 0;
    }
    this.#entries.set(key, value);
    this.#chars += chars;
  }
}
