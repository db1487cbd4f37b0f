import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { MAX_MARK_CHANGES } from '#shared/api/journal.ts';
import { MAX_ATTENDANCE_CHANGES } from '#shared/api/lessons.ts';
import { ApiError } from '../api.ts';
import { memoryStorage } from './pending-store.ts';
import {
  BATCH_LIMIT,
  attendanceChanges,
  markChanges,
  Outbox,
  type OutboxEvent,
  type OutboxRecord,
  type OutboxTransport,
  type ServerAttendance,
  type ServerMark,
} from './outbox.ts';

const L1 = 'c-2026-05-А.subject-M.2026-11-23.2';
const L2 = 'c-2026-05-А.subject-M.2026-11-24.3';

function serverMark(overrides: Partial<ServerMark> & Pick<ServerMark, 'id' | 'studentId' | 'values'>): ServerMark {
  return { lessonId: L1, workTypeId: 'answer', version: 1, setBy: 'person-T', setAt: '2026-11-23T08:00:00.000Z', ...overrides } as ServerMark;
}

type Call = { op: 'marks' | 'attendance' | 'lesson'; lessonId: string; body?: { clientRequestId: string; changes: unknown[] } };

/** A fake API: answers queued per call (a function of the call, or an error to throw). */
function fakeTransport() {
  const calls: Call[] = [];
  const answers: ((call: Call) => unknown)[] = [];
  let lessonSheet: { marks: ServerMark[]; attendance: ServerAttendance[] } = { marks: [], attendance: [] };
  const answer = async (call: Call) => {
    calls.push(call);
    const next = answers.shift();
    if (!next) throw new Error(`no answer queued for ${call.op}`);
    const value = next(call);
    if (value instanceof Error) throw value;
    return value;
  };
  const transport: OutboxTransport = {
    saveMarks: (lessonId, body) => answer({ op: 'marks', lessonId, body }) as Promise<{ marks: ServerMark[] }>,
    saveAttendance: (lessonId, body) => answer({ op: 'attendance', lessonId, body }) as Promise<{ attendance: ServerAttendance[] }>,
    getLesson: async (lessonId) => {
      calls.push({ op: 'lesson', lessonId });
      return lessonSheet;
    },
  };
  return {
    transport,
    calls,
    reply: (fn: (call: Call) => unknown) => answers.push(fn),
    setLesson: (sheet: typeof lessonSheet) => (lessonSheet = sheet),
  };
}

/** The marks an API would answer for a saveLessonMarks call applied to `before`. */
function applied(call: Call, before: ServerMark[] = []): { lessonId: string; marks: ServerMark[]; replayed: boolean } {
  const marks = [...before];
  let n = 0;
  for (const change of (call.body?.changes ?? []) as { action: string; markId?: string; studentId: string; values?: string[]; workTypeId?: string; expectedVersion?: number }[]) {
    if (change.action === 'create') marks.push(serverMark({ id: `mark-new-${(n += 1)}`, studentId: change.studentId, values: (change.values ?? []) as ServerMark['values'], lessonId: call.lessonId }));
    if (change.action === 'update') {
      const i = marks.findIndex((m) => m.id === change.markId);
      marks[i] = { ...marks[i]!, values: change.values as ServerMark['values'], version: (change.expectedVersion ?? 0) + 1 };
    }
    if (change.action === 'delete') marks.splice(marks.findIndex((m) => m.id === change.markId), 1);
  }
  return { lessonId: call.lessonId, marks, replayed: false };
}

let ids = 0;
function makeOutbox(options: { storage?: ReturnType<typeof memoryStorage<OutboxRecord>>; online?: () => boolean } = {}) {
  const api = fakeTransport();
  const storage = options.storage ?? memoryStorage<OutboxRecord>();
  const events: OutboxEvent[] = [];
  const outbox = new Outbox({
    userId: 'user-1',
    storage,
    transport: api.transport,
    uuid: () => `00000000-0000-4000-8000-${String((ids += 1)).padStart(12, '0')}`,
    online: options.online ?? (() => true),
  });
  outbox.subscribe((e) => events.push(e));
  return { outbox, api, storage, events };
}

beforeEach(() => {
  vi.useFakeTimers();
  ids = 0;
});
afterEach(() => {
  vi.useRealTimers();
});

describe('what an edit asks of the API', () => {
  it('keeps to the API’s limits per request', () => {
    expect(BATCH_LIMIT).toEqual({ marks: MAX_MARK_CHANGES, attendance: MAX_ATTENDANCE_CHANGES });
  });

  it('creates, updates and deletes marks against the versions the teacher saw', () => {
    const base = [
      { id: 'm1', values: ['4'], workTypeId: 'answer', version: 3 },
      { id: 'm2', values: ['3'], workTypeId: 'answer', version: 1 },
    ];
    expect(
      markChanges({ studentId: 's1', base, desired: [{ id: 'm1', values: ['5'], workTypeId: 'answer' }, { values: ['5', '4'], workTypeId: 'control' }] }),
    ).toEqual([
      { action: 'update', markId: 'm1', studentId: 's1', values: ['5'], workTypeId: 'answer', expectedVersion: 3 },
      { action: 'delete', markId: 'm2', studentId: 's1', expectedVersion: 1 },
      { action: 'create', studentId: 's1', values: ['5', '4'], workTypeId: 'control' },
    ]);
    expect(markChanges({ studentId: 's1', base, desired: base })).toEqual([]);
  });

  it('sets or takes off a code, with version 0 when there was none', () => {
    expect(attendanceChanges({ studentId: 's1', base: null, desired: 'Н' })).toEqual([{ studentId: 's1', code: 'Н', expectedVersion: 0 }]);
    expect(attendanceChanges({ studentId: 's1', base: { code: 'Н', version: 2 }, desired: null })).toEqual([{ studentId: 's1', code: null, expectedVersion: 2 }]);
    expect(attendanceChanges({ studentId: 's1', base: { code: 'Н', version: 2 }, desired: 'Н' })).toEqual([]);
  });
});

describe('the outbox', () => {
  it('sends a lesson’s edits together ~600 ms after the last one, with one clientRequestId', async () => {
    const { outbox, api, storage, events } = makeOutbox();
    await outbox.ready;
    outbox.setMarks({ lessonId: L1, studentId: 's1', base: [], desired: [{ values: ['5'], workTypeId: 'answer' }] });
    await vi.advanceTimersByTimeAsync(400);
    outbox.setMarks({ lessonId: L1, studentId: 's2', base: [], desired: [{ values: ['4'], workTypeId: 'answer' }] });
    outbox.setAttendance({ lessonId: L1, studentId: 's3', base: null, desired: 'Н' });
    expect(outbox.status()).toMatchObject({ total: 3, unsent: 0 });
    api.reply((call) => applied(call));
    api.reply((call) => ({ lessonId: call.lessonId, attendance: [{ lessonId: L1, studentId: 's3', code: 'Н', version: 1, setBy: 'p', setAt: 'x' }], replayed: false }));
    await vi.advanceTimersByTimeAsync(500);
    expect(api.calls).toHaveLength(0); // still within 600 ms of the last edit
    await vi.advanceTimersByTimeAsync(200);
    expect(api.calls.map((c) => c.op).sort()).toEqual(['attendance', 'marks']);
    const marksCall = api.calls.find((c) => c.op === 'marks');
    expect(marksCall?.body?.changes).toHaveLength(2);
    expect(marksCall?.body?.clientRequestId).toMatch(/^00000000-/);
    expect(outbox.status().total).toBe(0);
    await outbox.settled();
    expect(storage.size()).toBe(0);
    expect(events.some((e) => e.kind === 'server' && e.marks?.length === 2)).toBe(true);
  });

  it('splits a lesson’s edits over requests of at most the API’s limit', async () => {
    const { outbox, api } = makeOutbox();
    await outbox.ready;
    for (let i = 0; i < 50; i += 1) outbox.setAttendance({ lessonId: L1, studentId: `s${i}`, base: null, desired: 'Н' });
    api.reply((call) => ({ lessonId: call.lessonId, attendance: [], replayed: false }));
    api.reply((call) => ({ lessonId: call.lessonId, attendance: [], replayed: false }));
    await vi.advanceTimersByTimeAsync(700);
    await vi.advanceTimersByTimeAsync(50);
    expect(api.calls.map((c) => c.body?.changes.length)).toEqual([48, 2]);
    expect(outbox.status().total).toBe(0);
  });

  it('an edit back to what was there is no edit', async () => {
    const { outbox } = makeOutbox();
    await outbox.ready;
    const base = [{ id: 'm1', values: ['4'], workTypeId: 'answer', version: 1 }];
    outbox.setMarks({ lessonId: L1, studentId: 's1', base, desired: [{ id: 'm1', values: ['5'], workTypeId: 'answer' }] });
    outbox.setMarks({ lessonId: L1, studentId: 's1', base, desired: [{ id: 'm1', values: ['4'], workTypeId: 'answer' }] });
    expect(outbox.status().total).toBe(0);
  });

  it('keeps edits made without a connection, shows them unsent and sends them once back online', async () => {
    let online = false;
    const { outbox, api } = makeOutbox({ online: () => online });
    await outbox.ready;
    const edit = outbox.setAttendance({ lessonId: L1, studentId: 's1', base: null, desired: 'Б' });
    expect(edit?.unsent).toBe(true);
    await vi.advanceTimersByTimeAsync(5000);
    expect(api.calls).toHaveLength(0);
    expect(outbox.status()).toMatchObject({ total: 1, unsent: 1 });
    online = true;
    api.reply((call) => ({ lessonId: call.lessonId, attendance: [], replayed: false }));
    outbox.retryAll();
    await vi.advanceTimersByTimeAsync(0);
    expect(api.calls).toHaveLength(1);
    expect(outbox.status().total).toBe(0);
  });

  it('retries a failed request with backoff and the same clientRequestId', async () => {
    const { outbox, api } = makeOutbox();
    await outbox.ready;
    outbox.setMarks({ lessonId: L1, studentId: 's1', base: [], desired: [{ values: ['5'], workTypeId: 'answer' }] });
    api.reply(() => new ApiError(0, 'NETWORK', 'Нет связи'));
    api.reply(() => new ApiError(503, 'BUSY', 'Занято', [], undefined, 3));
    api.reply((call) => applied(call));
    await vi.advanceTimersByTimeAsync(600);
    expect(api.calls).toHaveLength(1);
    expect(outbox.get('marks', L1, 's1')?.unsent).toBe(true);
    await vi.advanceTimersByTimeAsync(1000); // 1 s after the first failure
    expect(api.calls).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(2500);
    expect(api.calls).toHaveLength(2); // Retry-After: 3 s
    await vi.advanceTimersByTimeAsync(600);
    expect(api.calls).toHaveLength(3);
    expect(new Set(api.calls.map((c) => c.body?.clientRequestId)).size).toBe(1);
    expect(outbox.status().total).toBe(0);
  });

  it('survives a reload: what is stored goes out on load, the batch with its own clientRequestId', async () => {
    const storage = memoryStorage<OutboxRecord>();
    const first = makeOutbox({ storage });
    await first.outbox.ready;
    first.outbox.setMarks({ lessonId: L1, studentId: 's1', base: [], desired: [{ values: ['5'], workTypeId: 'answer' }] });
    first.outbox.setAttendance({ lessonId: L2, studentId: 's1', base: null, desired: 'Н' });
    first.api.reply(() => new ApiError(0, 'NETWORK', 'Нет связи'));
    await vi.advanceTimersByTimeAsync(600);
    const sentId = first.api.calls.find((c) => c.op === 'marks')?.body?.clientRequestId;
    await first.outbox.settled();
    first.outbox.dispose(); // the tab is closed

    const second = makeOutbox({ storage });
    second.api.reply((call) => applied(call));
    second.api.reply((call) => ({ lessonId: call.lessonId, attendance: [], replayed: false }));
    await second.outbox.ready;
    expect(second.outbox.status().total).toBe(2);
    await vi.advanceTimersByTimeAsync(0);
    const marks = second.api.calls.find((c) => c.op === 'marks');
    expect(marks?.body?.clientRequestId).toBe(sentId);
    expect(second.api.calls.some((c) => c.op === 'attendance')).toBe(true);
    expect(second.outbox.status().total).toBe(0);
    await second.outbox.settled();
    expect(storage.size()).toBe(0);
  });

  it('a 409 shows the other value and who set it; «keep mine» sends it again on top of theirs', async () => {
    const { outbox, api } = makeOutbox();
    await outbox.ready;
    const base = [{ id: 'm1', values: ['4'], workTypeId: 'answer', version: 1 }];
    outbox.setMarks({ lessonId: L1, studentId: 's1', base, desired: [{ id: 'm1', values: ['5'], workTypeId: 'answer' }] });
    outbox.setMarks({ lessonId: L1, studentId: 's2', base: [], desired: [{ values: ['3'], workTypeId: 'answer' }] });
    const theirs = serverMark({ id: 'm1', studentId: 's1', values: ['2'], version: 2, setBy: 'person-X', setAt: '2026-11-23T09:00:00.000Z' });
    api.setLesson({ marks: [theirs], attendance: [] });
    api.reply(
      () =>
        new ApiError(409, 'CONFLICT', 'Отметку уже изменил другой пользователь.', [], undefined, undefined, {
          current: { markId: 'm1', studentId: 's1', values: ['2'], version: 2, setBy: 'person-X', setAt: theirs.setAt, setByName: 'Петрова Анна Ивановна' },
        }),
    );
    api.reply((call) => applied(call, [theirs])); // the other student's mark goes on alone
    await vi.advanceTimersByTimeAsync(600);
    const conflict = outbox.get('marks', L1, 's1');
    expect(conflict?.state).toBe('conflict');
    expect(conflict?.theirs).toEqual({ marks: [['2']], setBy: 'person-X', setAt: theirs.setAt, setByName: 'Петрова Анна Ивановна' });
    expect(outbox.status()).toMatchObject({ conflicts: 1 });
    await vi.advanceTimersByTimeAsync(50);
    expect(api.calls.map((c) => c.op)).toEqual(['marks', 'lesson', 'marks']);
    expect(api.calls[2]?.body?.changes).toEqual([{ action: 'create', studentId: 's2', values: ['3'], workTypeId: 'answer' }]);

    api.reply((call) => applied(call, [theirs]));
    outbox.keepMine(conflict?.id ?? '');
    await vi.advanceTimersByTimeAsync(0);
    expect(api.calls[3]?.body?.changes).toEqual([{ action: 'update', markId: 'm1', studentId: 's1', values: ['5'], workTypeId: 'answer', expectedVersion: 2 }]);
    expect(outbox.status().total).toBe(0);
  });

  it('«take theirs» ends the edit', async () => {
    const { outbox, api } = makeOutbox();
    await outbox.ready;
    outbox.setAttendance({ lessonId: L1, studentId: 's1', base: null, desired: 'Н' });
    api.setLesson({ marks: [], attendance: [{ lessonId: L1, studentId: 's1', code: 'Б', version: 1, setBy: 'person-X', setAt: 'x' }] });
    api.reply(() => new ApiError(409, 'CONFLICT', 'Изменено', [], undefined, undefined, { current: { studentId: 's1', code: 'Б', version: 1 } }));
    await vi.advanceTimersByTimeAsync(600);
    const conflict = outbox.get('attendance', L1, 's1');
    expect(conflict?.theirs?.code).toBe('Б');
    outbox.discard(conflict?.id ?? '');
    expect(outbox.status().total).toBe(0);
  });

  it('a 422 refuses only the edit it names, with the rule’s clause; the others go on', async () => {
    const { outbox, api } = makeOutbox();
    await outbox.ready;
    outbox.setMarks({ lessonId: L1, studentId: 's1', base: [], desired: [{ values: ['5'], workTypeId: 'answer' }] });
    outbox.setMarks({ lessonId: L1, studentId: 's2', base: [], desired: [{ values: ['4'], workTypeId: 'answer' }] });
    api.reply(
      () =>
        new ApiError(422, 'RULE_VIOLATED', 'В 1 классе отметки не выставляются (п. 5.6)', [
          { path: 'body.changes.1.values', message: 'В 1 классе отметки не выставляются' },
        ]),
    );
    api.reply((call) => applied(call));
    await vi.advanceTimersByTimeAsync(600);
    const refused = outbox.get('marks', L1, 's2');
    expect(refused?.state).toBe('rejected');
    expect(refused?.message).toBe('В 1 классе отметки не выставляются (п. 5.6)');
    await vi.advanceTimersByTimeAsync(50);
    expect(api.calls).toHaveLength(2);
    expect(outbox.get('marks', L1, 's1')).toBeUndefined();
    // Kept until the teacher drops or retypes it: never silently.
    expect(outbox.status()).toMatchObject({ total: 1, rejected: 1 });
  });

  it('an edit typed over while its request is on the way goes next, on top of the saved mark', async () => {
    const { outbox, api } = makeOutbox();
    await outbox.ready;
    outbox.setMarks({ lessonId: L1, studentId: 's1', base: [], desired: [{ values: ['5'], workTypeId: 'answer' }] });
    let release: (value: unknown) => void = () => {};
    api.reply((call) => new Promise((resolve) => (release = () => resolve(applied(call)))));
    await vi.advanceTimersByTimeAsync(600);
    outbox.setMarks({ lessonId: L1, studentId: 's1', base: [], desired: [{ values: ['4'], workTypeId: 'answer' }] });
    api.reply((call) => applied(call, [serverMark({ id: 'mark-new-1', studentId: 's1', values: ['5'] })]));
    release(undefined);
    await vi.advanceTimersByTimeAsync(0);
    await vi.advanceTimersByTimeAsync(0);
    expect(api.calls).toHaveLength(2);
    expect(api.calls[1]?.body?.changes).toEqual([{ action: 'update', markId: 'mark-new-1', studentId: 's1', values: ['4'], workTypeId: 'answer', expectedVersion: 1 }]);
  });

  it('sign-out clears the account’s stored edits', async () => {
    const storage = memoryStorage<OutboxRecord>();
    await storage.put({ type: 'edit', kind: 'attendance', userId: 'user-2', id: 'x', lessonId: L1, studentId: 's1', rev: 1, state: 'queued', base: null, desired: 'Н', updatedAt: 0 });
    const { outbox } = makeOutbox({ storage, online: () => false });
    await outbox.ready;
    outbox.setAttendance({ lessonId: L1, studentId: 's1', base: null, desired: 'Н' });
    await outbox.settled();
    expect(storage.size()).toBe(2);
    await outbox.clear();
    expect(storage.size()).toBe(1); // another account's edit stays
    expect((await storage.list('user-1')).length).toBe(0);
  });
});
