/**
 * Short staff sessions (п. 8.3: students never act under a teacher's account): a device where
 * a staff member stopped working signs out by itself. After `timeoutMs` without activity
 * (pointer, keyboard, touch, scroll) `onTimeout` runs; `warnBeforeMs` earlier `onWarn` asks
 * whether to go on. Activity is only noted (a timestamp, no timer churn per mouse move); the
 * one timer checks it when due. The tabs of one browser where the same account is signed in
 * share the last activity (`shared`, localStorage in the app, one key per account): working in
 * one of them keeps the others — but another account's work in another tab does not. A session
 * brought back with its tab (a reload, or the browser reopening a closed tab with its
 * sessionStorage) counts from the last activity seen, not from the moment it came back.
 */
import type { Clock } from './auth.ts';
import { systemClock } from './auth.ts';
import { plural } from './format.ts';

/** The warning comes this long before the sign-out (at most half of the whole time). */
export const IDLE_WARNING_MS = 2 * 60_000;

/** Who is timed out: anyone holding a staff role (parents and students are not). */
export const STAFF_ROLES: readonly string[] = ['director', 'coordinator', 'operator', 'teacher'];

export function isTimedOut(roles: readonly string[]): boolean {
  return roles.some((r) => STAFF_ROLES.includes(r));
}

/** The DOM events that count as working. */
export const ACTIVITY_EVENTS = ['pointerdown', 'pointermove', 'keydown', 'touchstart', 'wheel', 'scroll'] as const;

/** Prefix of the localStorage keys of the last activity (ms since the epoch), one per account. */
export const LAST_ACTIVITY_PREFIX = 'klassny.lastActivity.';

/** The localStorage key of one account's last activity in any tab (`userId`: the Cognito sub). */
export function lastActivityKey(userId: string): string {
  return `${LAST_ACTIVITY_PREFIX}${userId}`;
}

/** The last activity as other tabs see it. */
export type SharedActivity = { read(): number | null; write(at: number): void };

/** How often a tab writes its activity for the others at most (ms). */
const SHARE_EVERY_MS = 5_000;
/** Timers longer than this are clamped (browsers overflow past 2^31-1 ms). */
const MAX_TIMER_MS = 2 ** 31 - 1;

export type IdleTimerOptions = {
  timeoutMs: number;
  warnBeforeMs?: number;
  clock?: Clock;
  shared?: SharedActivity;
  /** The warning: `idleMs` without activity so far, `remainingMs` until the sign-out. */
  onWarn: (idleMs: number, remainingMs: number) => void;
  /** The warning is over: «Продолжить работу», or activity in another tab. */
  onResume: () => void;
  /** Time is up: sign out. */
  onTimeout: () => void;
};

export type IdleTimer = ReturnType<typeof createIdleTimer>;

export function warnBeforeMs(timeoutMs: number): number {
  return Math.min(IDLE_WARNING_MS, timeoutMs / 2);
}

export function createIdleTimer(options: IdleTimerOptions) {
  const clock = options.clock ?? systemClock;
  const timeoutMs = options.timeoutMs;
  const warnMs = options.warnBeforeMs ?? warnBeforeMs(timeoutMs);
  let state: 'stopped' | 'active' | 'warning' = 'stopped';
  let last = 0;
  let sharedAt = 0;
  let warnedAt = 0;
  let timer: unknown = null;

  function share(at: number, force = false): void {
    if (!options.shared || (!force && at - sharedAt < SHARE_EVERY_MS)) return;
    sharedAt = at;
    try {
      options.shared.write(at);
    } catch {
      // not shared; this tab still counts its own activity
    }
  }

  function lastSeen(): number {
    let other: number | null = null;
    try {
      other = options.shared?.read() ?? null;
    } catch {
      other = null;
    }
    return other !== null && Number.isFinite(other) ? Math.max(last, other) : last;
  }

  function schedule(at: number): void {
    if (timer !== null) clock.clearTimeout(timer);
    timer = clock.setTimeout(
      () => {
        timer = null;
        check();
      },
      Math.min(Math.max(0, at - clock.now()), MAX_TIMER_MS),
    );
  }

  /** Decides what is due now: sign out, warn, end the warning, or wait. */
  function check(): void {
    if (state === 'stopped') return;
    const now = clock.now();
    const seen = lastSeen();
    const deadline = seen + timeoutMs;
    if (now >= deadline) {
      stop();
      options.onTimeout();
      return;
    }
    if (state === 'warning' && seen > warnedAt) {
      // Someone worked in another tab meanwhile.
      state = 'active';
      last = Math.max(last, seen);
      options.onResume();
    }
    if (state === 'active' && now >= deadline - warnMs) {
      state = 'warning';
      warnedAt = now;
      options.onWarn(now - seen, deadline - now);
    }
    schedule(state === 'warning' ? deadline : deadline - warnMs);
  }

  function stop(): void {
    state = 'stopped';
    if (timer !== null) clock.clearTimeout(timer);
    timer = null;
  }

  return {
    /**
     * Starts counting: from now (signed in, or a staff role appeared), or from the last activity
     * seen before a restored session came back (`since`; later than now counts as now). A
     * session idle past the timeout already ends at once.
     */
    start(since?: number | null): void {
      const now = clock.now();
      const resumed = since != null && Number.isFinite(since);
      state = 'active';
      last = resumed ? Math.min(since, now) : now;
      if (!resumed) share(last, true);
      check();
    },
    /**
     * The user did something. While the warning is up only «Продолжить работу» counts: a
     * brushed mouse must not hide the question from someone who is not there.
     */
    activity(): void {
      if (state !== 'active') return;
      last = clock.now();
      share(last);
    },
    /** «Продолжить работу». */
    resume(): void {
      if (state === 'stopped') return;
      last = clock.now();
      share(last, true);
      if (state === 'warning') {
        state = 'active';
        options.onResume();
      }
      check();
    },
    /** Look again now: another tab wrote its activity, the device woke up, the tab became visible. */
    check,
    stop,
    get state() {
      return state;
    },
  };
}

/** «28 минут», «2 минуты», «40 секунд»: a span of time, in whole minutes from one minute up. */
export function durationText(ms: number): string {
  if (ms >= 60_000) {
    const minutes = Math.round(ms / 60_000);
    return `${minutes} ${plural(minutes, 'минуту', 'минуты', 'минут')}`;
  }
  const seconds = Math.max(1, Math.round(ms / 1000));
  return `${seconds} ${plural(seconds, 'секунду', 'секунды', 'секунд')}`;
}

/** The warning's text. */
export function idleWarningText(idleMs: number, remainingMs: number): string {
  return `Вы не работали ${durationText(idleMs)}. Через ${durationText(remainingMs)} выполнится выход из системы на этом устройстве, чтобы под вашей учётной записью никто не смог работать без вас.`;
}

/** The sign-in screen's notice after the automatic sign-out. */
export function idleSignedOutText(timeoutMs: number): string {
  return `Вы не работали ${durationText(timeoutMs)}, поэтому выход из системы выполнен автоматически. Войдите снова.`;
}
