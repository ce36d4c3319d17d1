import type { Writable } from 'node:stream';
import winston from 'winston';
import { SecretList } from './redact.js';

// winston keeps the finished line under this symbol (triple-beam's MESSAGE).
const MESSAGE = Symbol.for('message');

export interface LoggerOptions {
  /** JSON lines; default: when the stream is not a terminal. */
  json?: boolean;
  level?: string;
  /** Default process.stderr: stdout is kept for --json output. */
  stream?: Writable & { isTTY?: boolean };
  /** Secret values to remove from every line; more can be added after the config is read. */
  secrets?: SecretList;
}

/**
 * The runner's logger: JSON lines for machines (journald, log shippers), readable lines on a
 * terminal, always on stderr. Every line passes through the redaction twice: each field before
 * formatting, and the finished line, so neither a field nor the formatter can reintroduce a token.
 */
export function createLogger(options: LoggerOptions = {}): winston.Logger {
  const stream = options.stream ?? process.stderr;
  const json = options.json ?? !stream.isTTY;
  const secrets = options.secrets ?? new SecretList();
  const redactFields = winston.format((info) => {
    for (const key of Object.keys(info)) info[key] = redactCopy(info[key], secrets, new WeakSet());
    return info;
  });
  const redactLine = winston.format((info) => {
    const line = (info as Record<symbol, unknown>)[MESSAGE];
    if (typeof line === 'string') (info as Record<symbol, unknown>)[MESSAGE] = secrets.redact(line);
    return info;
  });
  return winston.createLogger({
    level: options.level ?? 'info',
    format: winston.format.combine(
      winston.format.errors({ stack: true }),
      redactFields(),
      winston.format.timestamp(),
      json ? winston.format.json() : readable(),
      redactLine(),
    ),
    transports: [new winston.transports.Stream({ stream })],
  });
}

/** `12:03:04 warn  demo.jsonl:12: rejected ... origin=demo.jsonl:12` */
function readable(): winston.Logform.Format {
  return winston.format.printf((info) => {
    const { level, message, timestamp, stack, ...fields } = info;
    const time = typeof timestamp === 'string' ? timestamp.slice(11, 19) : '';
    const extra = Object.entries(fields)
      .map(([key, value]) => `${key}=${typeof value === 'string' ? value : JSON.stringify(value)}`)
      .join(' ');
    const text = typeof stack === 'string' ? stack : String(message);
    return `${time} ${level.padEnd(5)} ${text}${extra ? `  ${extra}` : ''}`;
  });
}

/** A redacted copy: the caller's objects (a config, an error) are left as they were. */
function redactCopy(value: unknown, secrets: SecretList, seen: WeakSet<object>): unknown {
  if (typeof value === 'string') return secrets.redact(value);
  if (value === null || typeof value !== 'object' || seen.has(value)) return value;
  seen.add(value);
  if (Array.isArray(value)) return value.map((item) => redactCopy(item, secrets, seen));
  if (value instanceof Error) {
    return {
      name: value.name,
      message: secrets.redact(value.message),
      stack: secrets.redact(value.stack ?? ''),
    };
  }
  // Objects with their own toJSON (Secret, Date) already print safely.
  if (typeof (value as { toJSON?: unknown }).toJSON === 'function') return value;
  return Object.fromEntries(
    Object.entries(value).map(([key, item]) => [key, redactCopy(item, secrets, seen)]),
  );
}
