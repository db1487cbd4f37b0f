import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  LAST_ACTIVITY_PREFIX,
  createIdleTimer,
  durationText,
  idleSignedOutText,
  idleWarningText,
  isTimedOut,
  lastActivityKey,
  warnBeforeMs,
  type SharedActivity,
} from './idle.ts';

const MIN = 60_000;

/** The timer on vitest's fake timers (Date.now and setTimeout move together). */
function setup(options: { timeoutMs?: number; shared?: SharedActivity } = {}) {
  const events: string[] = [];
  const warnings: [number, number][] = [];
  const idle = createIdleTimer({
    timeoutMs: options.timeoutMs ?? 30 * MIN,
    ...(options.shared ? { shared: options.shared } : {}),
    onWarn: (idleMs, remainingMs) => {
      events.push('warn');
      warnings.push([idleMs, remainingMs]);
    },
    onResume: () => events.push('resume'),
    onTimeout: () => events.push('timeout'),
  });
  return { idle, events, warnings };
}

function sharedMemory(): SharedActivity & { value: number | null; writes: number } {
  const store = {
    value: null as number | null,
    writes: 0,
    read: () => store.value,
    write: (at: number) => {
      store.value = at;
      store.writes += 1;
    },
  };
  return store;
}

beforeEach(() => {
  vi.useFakeTimers({ now: Date.UTC(2026, 10, 30, 9, 0) });
});
afterEach(() => {
  vi.useRealTimers();
});

describe('createIdleTimer', () => {
  it('warns 2 minutes before and signs out after 30 minutes without activity', () => {
    const { idle, events, warnings } = setup();
    idle.start();
    vi.advanceTimersByTime(28 * MIN - 1);
    expect(events).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(events).toEqual(['warn']);
    expect(warnings).toEqual([[28 * MIN, 2 * MIN]]);
    expect(idle.state).toBe('warning');
    vi.advanceTimersByTime(2 * MIN - 1);
    expect(events).toEqual(['warn']);
    vi.advanceTimersByTime(1);
    expect(events).toEqual(['warn', 'timeout']);
    expect(idle.state).toBe('stopped');
    // Nothing more happens once stopped.
    vi.advanceTimersByTime(60 * MIN);
    expect(events).toEqual(['warn', 'timeout']);
  });

  it('activity moves the deadline without a timer per event', () => {
    const { idle, events } = setup();
    idle.start();
    vi.advanceTimersByTime(20 * MIN);
    for (let i = 0; i < 100; i += 1) idle.activity();
    expect(vi.getTimerCount()).toBe(1);
    vi.advanceTimersByTime(27 * MIN);
    expect(events).toEqual([]); // 20 + 27 = 47 minutes in, 27 since the activity
    vi.advanceTimersByTime(1 * MIN);
    expect(events).toEqual(['warn']);
    vi.advanceTimersByTime(2 * MIN);
    expect(events).toEqual(['warn', 'timeout']);
  });

  it('while the warning is up only «Продолжить работу» counts', () => {
    const { idle, events } = setup();
    idle.start();
    vi.advanceTimersByTime(28 * MIN);
    expect(events).toEqual(['warn']);
    idle.activity(); // a brushed mouse
    vi.advanceTimersByTime(1 * MIN);
    idle.resume();
    expect(events).toEqual(['warn', 'resume']);
    expect(idle.state).toBe('active');
    // A full 28 minutes again before the next warning.
    vi.advanceTimersByTime(28 * MIN - 1);
    expect(events).toEqual(['warn', 'resume']);
    vi.advanceTimersByTime(1);
    expect(events).toEqual(['warn', 'resume', 'warn']);
  });

  it('stop() ends it: no warning, no sign-out', () => {
    const { idle, events } = setup();
    idle.start();
    idle.stop();
    vi.advanceTimersByTime(60 * MIN);
    expect(events).toEqual([]);
    expect(vi.getTimerCount()).toBe(0);
    idle.activity();
    idle.resume();
    expect(events).toEqual([]);
  });

  it('a late timer (the device slept) signs out at once, without a warning', () => {
    const { idle, events } = setup();
    idle.start();
    vi.setSystemTime(Date.now() + 3 * 60 * MIN); // the clock jumped; the timer has not fired yet
    idle.check();
    expect(events).toEqual(['timeout']);
  });

  it('a short timeout warns at half of it', () => {
    expect(warnBeforeMs(30 * MIN)).toBe(2 * MIN);
    expect(warnBeforeMs(10_000)).toBe(5_000);
    const { idle, events, warnings } = setup({ timeoutMs: 10_000 });
    idle.start();
    vi.advanceTimersByTime(5_000);
    expect(warnings).toEqual([[5_000, 5_000]]);
    vi.advanceTimersByTime(5_000);
    expect(events).toEqual(['warn', 'timeout']);
  });

  describe('a session that came back with its tab counts from the last activity seen', () => {
    it('a tab reopened after the idle time signs out at once', () => {
      const { idle, events } = setup();
      idle.start(Date.now() - 45 * MIN); // the browser reopened a tab closed 45 minutes ago
      expect(events).toEqual(['timeout']);
      expect(idle.state).toBe('stopped');
    });

    it('a reload keeps the time already idle, and writes nothing until there is activity', () => {
      const shared = sharedMemory();
      const { idle, events, warnings } = setup({ shared });
      const seen = Date.now() - 27 * MIN;
      shared.value = seen;
      idle.start(seen);
      expect(shared.writes).toBe(0);
      expect(events).toEqual([]);
      vi.advanceTimersByTime(1 * MIN);
      expect(warnings).toEqual([[28 * MIN, 2 * MIN]]);
      idle.resume();
      expect(shared.value).toBe(Date.now());
    });

    it('no last activity, or one in the future, counts from now', () => {
      const { idle, events } = setup();
      idle.start(null);
      vi.advanceTimersByTime(28 * MIN - 1);
      expect(events).toEqual([]);
      const later = setup();
      later.idle.start(Date.now() + 60 * MIN);
      vi.advanceTimersByTime(28 * MIN);
      expect(later.events).toEqual(['warn']);
    });
  });

  it('keeps one last activity per account', () => {
    expect(lastActivityKey('sub-1')).toBe(`${LAST_ACTIVITY_PREFIX}sub-1`);
    expect(lastActivityKey('sub-1')).not.toBe(lastActivityKey('sub-2'));
  });

  describe('tabs share the last activity', () => {
    it('activity in another tab keeps this one signed in and ends its warning', () => {
      const shared = sharedMemory();
      const { idle, events } = setup({ shared });
      idle.start();
      expect(shared.value).toBe(Date.now());
      vi.advanceTimersByTime(20 * MIN);
      shared.value = Date.now(); // the other tab worked
      vi.advanceTimersByTime(10 * MIN);
      expect(events).toEqual([]);
      vi.advanceTimersByTime(18 * MIN); // 28 minutes after the other tab's activity
      expect(events).toEqual(['warn']);
      vi.advanceTimersByTime(10_000);
      shared.value = Date.now(); // someone works in the other tab while this one warns
      idle.check(); // the storage event
      expect(events).toEqual(['warn', 'resume']);
      expect(idle.state).toBe('active');
    });

    it('writes its own activity at most every 5 seconds', () => {
      const shared = sharedMemory();
      const { idle } = setup({ shared });
      idle.start();
      expect(shared.writes).toBe(1);
      for (let i = 0; i < 10; i += 1) {
        vi.advanceTimersByTime(1_000);
        idle.activity();
      }
      expect(shared.writes).toBe(3); // at 5 s and 10 s
      idle.resume(); // always written
      expect(shared.writes).toBe(4);
    });

    it('an unreadable shared value is ignored', () => {
      const { idle, events } = setup({
        shared: {
          read: () => {
            throw new Error('storage disabled');
          },
          write: () => {
            throw new Error('storage disabled');
          },
        },
      });
      idle.start();
      vi.advanceTimersByTime(30 * MIN);
      expect(events).toEqual(['warn', 'timeout']);
    });
  });
});

describe('who and what is said', () => {
  it('times out staff roles only', () => {
    expect(isTimedOut(['teacher'])).toBe(true);
    expect(isTimedOut(['parent', 'teacher'])).toBe(true);
    expect(isTimedOut(['director'])).toBe(true);
    expect(isTimedOut(['parent'])).toBe(false);
    expect(isTimedOut(['student'])).toBe(false);
    expect(isTimedOut([])).toBe(false);
  });

  it('spells durations in Russian', () => {
    expect(durationText(28 * MIN)).toBe('28 минут');
    expect(durationText(2 * MIN)).toBe('2 минуты');
    expect(durationText(21 * MIN)).toBe('21 минуту');
    expect(durationText(30_000)).toBe('30 секунд');
    expect(durationText(2_000)).toBe('2 секунды');
    expect(durationText(0)).toBe('1 секунду');
  });

  it('the warning and the notice', () => {
    expect(idleWarningText(28 * MIN, 2 * MIN)).toMatch(/^Вы не работали 28 минут\. Через 2 минуты выполнится выход из системы на этом устройстве/);
    expect(idleSignedOutText(30 * MIN)).toBe('Вы не работали 30 минут, поэтому выход из системы выполнен автоматически. Войдите снова.');
  });
});
