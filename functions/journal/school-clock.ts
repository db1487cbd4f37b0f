import { localDateOf } from '#shared/domain/dates.ts';
import { functionEnv } from '#shared/config/function-env.ts';

/** Today in the school's time zone (a lesson's date, a deadline's day). */
export function schoolToday(now = Date.now()): string {
  return localDateOf(now, functionEnv().SCHOOL_TIME_ZONE);
}
