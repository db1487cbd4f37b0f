/**
 * How often a schedule runs: the runs in a year of an EventBridge Scheduler expression
 * (`cron(min hour dom month dow year)`, `rate(n unit)`), counted over a whole common year so
 * that monthly and day-of-week schedules come out exact (a monthly job: 12, `MON-FRI`: 261).
 * The schedule's time zone does not change the count (a daylight-saving hour is ignored).
 */

const MONTHS = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];
const DAYS = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'];
/** 2027 is a common year; any would do. */
const REFERENCE_YEAR = 2027;
const MINUTES_A_YEAR = 365 * 24 * 60;

export class ScheduleExpressionError extends Error {
  override readonly name = 'ScheduleExpressionError';
}

/** The values a field allows, e.g. `0/5` of minutes → 0, 5, …, 55; `MON-FRI` of days → 2…6. */
function values(field: string, min: number, max: number, names: string[], expression: string): Set<number> {
  const out = new Set<number>();
  const parse = (token: string): number => {
    const named = names.indexOf(token.toUpperCase());
    const n = named >= 0 ? named + min : Number(token);
    if (!Number.isInteger(n) || n < min || n > max) throw new ScheduleExpressionError(`"${token}" is out of range ${min}–${max} in ${expression}`);
    return n;
  };
  for (const part of field.split(',')) {
    if (/[LW#]/i.test(part.replace(/[A-Z]{3}/gi, (m) => (names.includes(m.toUpperCase()) ? '' : m)))) {
      throw new ScheduleExpressionError(`L, W and # are not supported by the cost model: ${expression}`);
    }
    const [range, stepText] = part.split('/') as [string, string | undefined];
    const step = stepText === undefined ? 1 : Number(stepText);
    if (!Number.isInteger(step) || step < 1) throw new ScheduleExpressionError(`bad step "${stepText}" in ${expression}`);
    let from: number;
    let to: number;
    if (range === '*' || range === '?') [from, to] = [min, max];
    else if (range.includes('-')) [from, to] = range.split('-').map(parse) as [number, number];
    else [from, to] = [parse(range), stepText === undefined ? parse(range) : max];
    for (let v = from; v <= to; v += step) out.add(v);
  }
  return out;
}

/** Runs a year of `cron(...)` or `rate(...)`; a one-time `at(...)` counts 0 (it is not a cost of every year). */
export function runsPerYear(expression: string): number {
  const text = expression.trim();
  const rate = /^rate\((\d+)\s+(minutes?|hours?|days?)\)$/.exec(text);
  if (rate) {
    const minutes = Number(rate[1]) * (rate[2]!.startsWith('minute') ? 1 : rate[2]!.startsWith('hour') ? 60 : 1440);
    return Math.floor(MINUTES_A_YEAR / minutes);
  }
  if (/^at\(/.test(text)) return 0;
  const cron = /^cron\((.+)\)$/.exec(text);
  if (!cron) throw new ScheduleExpressionError(`not a schedule expression: ${expression}`);
  const fields = cron[1]!.trim().split(/\s+/);
  if (fields.length !== 6) throw new ScheduleExpressionError(`a cron expression has 6 fields: ${expression}`);
  const [minute, hour, dom, month, dow, year] = fields as [string, string, string, string, string, string];
  if (year !== '*') throw new ScheduleExpressionError(`only * is supported for the year: ${expression}`);
  const minutes = values(minute, 0, 59, [], expression);
  const hours = values(hour, 0, 23, [], expression);
  const days = dom === '?' ? undefined : values(dom, 1, 31, [], expression);
  const months = values(month, 1, 12, MONTHS, expression);
  const weekdays = dow === '?' ? undefined : values(dow, 1, 7, DAYS, expression);
  let matchingDays = 0;
  for (let d = new Date(Date.UTC(REFERENCE_YEAR, 0, 1)); d.getUTCFullYear() === REFERENCE_YEAR; d = new Date(d.getTime() + 86_400_000)) {
    if (!months.has(d.getUTCMonth() + 1)) continue;
    if (days && !days.has(d.getUTCDate())) continue;
    // EventBridge numbers days 1 (Sunday) to 7 (Saturday).
    if (weekdays && !weekdays.has(d.getUTCDay() + 1)) continue;
    matchingDays += 1;
  }
  return matchingDays * hours.size * minutes.size;
}
