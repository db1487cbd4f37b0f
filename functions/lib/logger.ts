/**
 * Structured JSON logs, one line per event. Never pass personal data (names, logins, bodies,
 * tokens); identify actors with `actorRef`, a short one-way hash of the user id.
 */
import { createHash } from 'node:crypto';

type Level = 'debug' | 'info' | 'warn' | 'error';
const order: Record<Level, number> = { debug: 10, info: 20, warn: 30, error: 40 };

export type LogFields = Record<string, string | number | boolean | null | undefined | string[]>;

export type Logger = {
  debug(msg: string, fields?: LogFields): void;
  info(msg: string, fields?: LogFields): void;
  warn(msg: string, fields?: LogFields): void;
  error(msg: string, fields?: LogFields): void;
  child(fields: LogFields): Logger;
};

function threshold(): number {
  const level = (process.env.LOG_LEVEL ?? 'info') as Level;
  return order[level] ?? order.info;
}

export function createLogger(base: LogFields = {}): Logger {
  const write = (level: Level, msg: string, fields?: LogFields) => {
    if (order[level] < threshold()) return;
    const line = JSON.stringify({ level, time: new Date().toISOString(), msg, ...base, ...fields });
    if (level === 'error' || level === 'warn') process.stderr.write(line + '\n');
    else process.stdout.write(line + '\n');
  };
  return {
    debug: (m, f) => write('debug', m, f),
    info: (m, f) => write('info', m, f),
    warn: (m, f) => write('warn', m, f),
    error: (m, f) => write('error', m, f),
    child: (f) => createLogger({ ...base, ...f }),
  };
}

export const logger = createLogger({ service: 'klassny' });

/** A stable pseudonym for a user id: lets logs correlate one actor without naming them. */
export function actorRef(userId: string): string {
  return createHash('sha256').update(userId).digest('hex').slice(0, 12);
}

/**
 * An AWS service's error text may quote what it was given: an e-mail address SES refused, the
 * address a call came from. Those are personal data; what the text says about the request's
 * shape is what an operator needs.
 */
export function scrubAddresses(text: string): string {
  return text
    .replace(/[^\s@<>"'(),;:]+@[^\s@<>"'(),;:]+\.[a-z0-9-]{2,}/gi, '<email>')
    .replace(/\b(?:\d{1,3}\.){3}\d{1,3}(?::\d+)?\b/g, '<ip>')
    .replace(/\b(?:[0-9a-f]{0,4}:){2,7}[0-9a-f]{0,4}\b/gi, '<ip>')
    .replace(/\+?\d[\d\s()-]{8,}\d/g, '<phone>');
}

/**
 * What of an error may be logged: its name and code locations. Messages are logged only for AWS
 * service errors (service text about the request's shape), with addresses scrubbed; our own and
 * third-party messages can carry user data, so they are left out.
 */
export function errorFields(error: unknown): LogFields {
  if (!(error instanceof Error)) return { errorName: typeof error };
  const fromService = '$metadata' in error;
  return {
    errorName: error.name,
    ...(fromService ? { errorMessage: scrubAddresses(error.message.slice(0, 300)) } : {}),
    stack: error.stack?.split('\n').slice(1, 6).map((l) => l.trim()).join(' | '),
  };
}
