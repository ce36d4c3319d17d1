import { inspect } from 'node:util';

/**
 * A token read from a file or the environment. It prints as `[secret]` however it is turned into
 * text (template string, JSON, util.inspect), so putting the config in a log line or an error
 * cannot leak it; only `reveal()` gives the value, to the adapter that sends it.
 */
export class Secret {
  readonly #value: string;

  constructor(value: string) {
    this.#value = value;
  }

  reveal(): string {
    return this.#value;
  }

  toString(): string {
    return '[secret]';
  }

  toJSON(): string {
    return '[secret]';
  }

  [inspect.custom](): string {
    return '[secret]';
  }
}
