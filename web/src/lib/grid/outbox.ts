/**
 * The teacher's journal edits on their way to the API — outside any page, so they survive a
 * remount, a reload and a lost connection, and are never dropped silently.
 *
 * Each cell's edit is kept as what the teacher saw (`base`: the marks with their versions, or the
 * attendance record) and what they want (`desired`). Edits of one lesson are sent together,
 * ~600 ms after the last one (marks through saveLessonMarks, attendance through saveAttendance),
 * as a batch with one clientRequestId: the batch is stored before it is sent and sent again
 * unchanged — same id — until the API answers, so a request applied whose answer was lost is not
 * applied twice. The answers:
 * - saved: the lesson's records as the API has them now go to the page; the edit is done (or,
 *   typed over while on its way, kept on top of the new state);
 * - no connection, 5xx, 429, 503 BUSY: kept and shown unsent; tried again with backoff and at
 *   once when the browser is back online;
 * - 409 CONFLICT: the lesson is read again (getLesson); each edit whose base is no longer the
 *   API's becomes a conflict showing the other value and who set it (the API's `details.current`
 *   names them), until the teacher keeps theirs (sent again on top of the other) or takes the
 *   other; the rest go on;
 * - 400/422 (a rule, with the clause), 403, 404: the edits named by the answer's fields — else
 *   all of the batch — are refused with the API's message and stay until the teacher discards
 *   or retypes them.
 * Storage writes are chained, and when the browser has Web Locks one tab at a time sends.
 */
import { ApiError } from '../api.ts';
import type { OperationInput, OperationOutput } from '../operations.ts';
import type { PendingStorage } from './pending-store.ts';

export type ServerMark = OperationOutput<'saveLessonMarks'>['marks'][number];
export type ServerAttendance = OperationOutput<'saveAttendance'>['attendance'][number];
export type MarkChange = OperationInput<'saveLessonMarks'>['body']['changes'][number];
export type AttendanceChange = OperationInput<'saveAttendance'>['body']['changes'][number];

export type EditKind = 'marks' | 'attendance';

/** A mark as the teacher saw it. */
export type MarkBase = { id: string; values: string[]; workTypeId: string; comment?: string | undefined; version: number };
/** A mark as the teacher wants it: `id` of the base mark it changes, none for a new one. */
export type DesiredMark = { id?: string | undefined; values: string[]; workTypeId: string; comment?: string | undefined };
/** An attendance record as the teacher saw it; null: none (present). */
export type AttendanceBase = { code: string; version: number } | null;

/** What someone else saved in the cell meanwhile. */
export type Theirs = {
  marks?: string[][] | undefined;
  code?: string | null | undefined;
  setBy?: string | undefined;
  /** The API's name of who set it, when it knows it. */
  setByName?: string | undefined;
  setAt?: string | undefined;
};

export type EditState = 'queued' | 'conflict' | 'rejected';

type EditCommon = {
  type: 'edit';
  userId: string;
  /** `<kind>|<lessonId>|<studentId>`. */
  id: string;
  lessonId: string;
  studentId: string;
  /** Grows with every change the teacher makes, so an answer can tell whether it is about the latest. */
  rev: number;
  state: EditState;
  /** A try to send it failed (no connection, the server busy): shown as unsent. */
  unsent?: boolean | undefined;
  /** Why it was refused (rejected), with the regulation's clause when a rule refused it. */
  message?: string | undefined;
  theirs?: Theirs | undefined;
  updatedAt: number;
};
export type MarksEdit = EditCommon & {
  kind: 'marks';
  base: MarkBase[];
  desired: DesiredMark[];
  /** In a conflict: the API's marks now, the base if the teacher keeps theirs. */
  current?: MarkBase[] | undefined;
};
export type AttendanceEdit = EditCommon & {
  kind: 'attendance';
  base: AttendanceBase;
  desired: string | null;
  current?: AttendanceBase | undefined;
};
export type Edit = MarksEdit | AttendanceEdit;

export type Batch = {
  type: 'batch';
  userId: string;
  /** `batch|<kind>|<lessonId>`: one batch per lesson and kind at a time. */
  id: string;
  lessonId: string;
  kind: EditKind;
  requestId: string;
  changes: MarkChange[] | AttendanceChange[];
  /** The edits it carries, at the revision sent. */
  edits: { id: string; rev: number }[];
  attempts: number;
};

export type OutboxRecord = Edit | Batch;

export type OutboxEvent =
  /** An edit was made or changed state. */
  | { kind: 'edit'; edit: Edit }
  /** An edit is over: saved, discarded, or the other value taken. */
  | { kind: 'removed'; edit: Edit }
  /** A lesson's records as the API has them now (after a save, or read again on a conflict). */
  | { kind: 'server'; lessonId: string; marks?: ServerMark[] | undefined; attendance?: ServerAttendance[] | undefined }
  /** Counts or sending changed. */
  | { kind: 'status' };

export type OutboxStatus = { total: number; unsent: number; conflicts: number; rejected: number; sending: boolean };

export type OutboxTransport = {
  saveMarks(lessonId: string, body: { clientRequestId: string; changes: MarkChange[] }): Promise<{ marks: ServerMark[] }>;
  saveAttendance(lessonId: string, body: { clientRequestId: string; changes: AttendanceChange[] }): Promise<{ attendance: ServerAttendance[] }>;
  /** The lesson's marks and attendance now (getLesson). */
  getLesson(lessonId: string): Promise<{ marks: ServerMark[]; attendance: ServerAttendance[] }>;
};

export type OutboxOptions = {
  userId: string;
  storage: PendingStorage<OutboxRecord>;
  transport: OutboxTransport;
  uuid?: () => string;
  now?: () => number;
  /** navigator.onLine: false holds sending until `retryAll()` (the `online` event). */
  online?: () => boolean;
  /** Runs one send at a time across the browser's tabs (Web Locks). */
  lock?: <T>(work: () => Promise<T>) => Promise<T>;
  debounceMs?: number;
  maxBackoffMs?: number;
};

/**
 * The API's limits per request: MAX_MARK_CHANGES (shared/api/journal.ts) and
 * MAX_ATTENDANCE_CHANGES (shared/api/lessons.ts) — modules with schemas, so not imported here
 * (no zod in the bundle); a unit test keeps the numbers equal.
 */
export const BATCH_LIMIT: Readonly<Record<EditKind, number>> = { marks: 48, attendance: 48 };
export const DEBOUNCE_MS = 600;

export function editId(kind: EditKind, lessonId: string, studentId: string): string {
  return `${kind}|${lessonId}|${studentId}`;
}

function groupOf(kind: EditKind, lessonId: string): string {
  return `${kind}|${lessonId}`;
}

function sameValues(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((v, i) => v === b[i]);
}

/** A lesson's marks of one student, oldest first, as bases. */
export function markBases(marks: readonly ServerMark[], lessonId: string, studentId: string): MarkBase[] {
  return marks
    .filter((m) => m.lessonId === lessonId && m.studentId === studentId)
    .sort((a, b) => a.setAt.localeCompare(b.setAt))
    .map((m) => ({ id: m.id, values: [...m.values], workTypeId: m.workTypeId, ...(m.comment ? { comment: m.comment } : {}), version: m.version }));
}

/** The desired marks paired with a new base in order: the first desired changes the first mark … */
export function rebaseDesired(desired: readonly DesiredMark[], base: readonly MarkBase[]): DesiredMark[] {
  return desired.map((d, i) => ({ ...d, id: base[i]?.id }));
}

/** What a marks edit asks of saveLessonMarks. */
export function markChanges(edit: Pick<MarksEdit, 'studentId' | 'base' | 'desired'>): MarkChange[] {
  const changes: MarkChange[] = [];
  const { studentId } = edit;
  for (const b of edit.base) {
    const d = edit.desired.find((x) => x.id === b.id);
    if (!d) {
      changes.push({ action: 'delete', markId: b.id, studentId, expectedVersion: b.version });
    } else if (!sameValues(d.values, b.values) || d.workTypeId !== b.workTypeId || (d.comment ?? '') !== (b.comment ?? '')) {
      changes.push({
        action: 'update',
        markId: b.id,
        studentId,
        values: d.values as MarkChange extends { values: infer V } ? V : never,
        workTypeId: d.workTypeId,
        ...(d.comment ? { comment: d.comment } : {}),
        expectedVersion: b.version,
      });
    }
  }
  for (const d of edit.desired) {
    if (d.id !== undefined && edit.base.some((b) => b.id === d.id)) continue;
    changes.push({
      action: 'create',
      studentId,
      values: d.values as MarkChange extends { values: infer V } ? V : never,
      workTypeId: d.workTypeId,
      ...(d.comment ? { comment: d.comment } : {}),
    });
  }
  return changes;
}

/** What an attendance edit asks of saveAttendance. */
export function attendanceChanges(edit: Pick<AttendanceEdit, 'studentId' | 'base' | 'desired'>): AttendanceChange[] {
  if ((edit.base?.code ?? null) === edit.desired) return [];
  return [{ studentId: edit.studentId, code: edit.desired, expectedVersion: edit.base?.version ?? 0 }];
}

function changesOf(edit: Edit): (MarkChange | AttendanceChange)[] {
  return edit.kind === 'marks' ? markChanges(edit) : attendanceChanges(edit);
}

function retriable(error: unknown): boolean {
  if (!(error instanceof ApiError)) return true;
  return error.status === 0 || error.status >= 500 || error.status === 429;
}

type Timer = ReturnType<typeof setTimeout>;

export class Outbox {
  readonly userId: string;
  readonly ready: Promise<void>;
  readonly #o: Required<Omit<OutboxOptions, 'lock'>> & Pick<OutboxOptions, 'lock'>;
  readonly #edits = new Map<string, Edit>();
  readonly #batches = new Map<string, Batch>();
  readonly #timers = new Map<string, Timer>();
  readonly #sending = new Set<string>();
  readonly #again = new Set<string>();
  readonly #listeners = new Set<(event: OutboxEvent) => void>();
  #io: Promise<void> = Promise.resolve();
  #paused = false;
  #disposed = false;
  #storageBroken = false;

  constructor(options: OutboxOptions) {
    this.userId = options.userId;
    this.#o = {
      uuid: () => crypto.randomUUID(),
      now: () => Date.now(),
      online: () => true,
      debounceMs: DEBOUNCE_MS,
      maxBackoffMs: 30_000,
      ...options,
    };
    this.ready = this.#load();
  }

  // ── reading ──────────────────────────────────────────────────────────

  subscribe(listener: (event: OutboxEvent) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  edits(): Edit[] {
    return [...this.#edits.values()];
  }

  get(kind: EditKind, lessonId: string, studentId: string): Edit | undefined {
    return this.#edits.get(editId(kind, lessonId, studentId));
  }

  status(): OutboxStatus {
    let unsent = 0;
    let conflicts = 0;
    let rejected = 0;
    const offline = !this.#o.online();
    for (const e of this.#edits.values()) {
      if (e.state === 'conflict') conflicts += 1;
      else if (e.state === 'rejected') rejected += 1;
      else if (e.unsent || offline) unsent += 1;
    }
    return { total: this.#edits.size, unsent, conflicts, rejected, sending: this.#sending.size > 0 };
  }

  // ── editing ──────────────────────────────────────────────────────────

  /**
   * The teacher set a cell's marks. `base` is what the page has from the API for the cell; an
   * edit already waiting keeps its own base (what the teacher first saw), unless it was a
   * conflict: typing over a conflict means "mine, on top of what is there now".
   */
  setMarks(input: { lessonId: string; studentId: string; base: MarkBase[]; desired: DesiredMark[] }): MarksEdit | null {
    const id = editId('marks', input.lessonId, input.studentId);
    const prev = this.#edits.get(id) as MarksEdit | undefined;
    const fromConflict = prev?.state === 'conflict';
    const base = prev && !fromConflict ? prev.base : fromConflict ? (prev?.current ?? input.base) : input.base;
    const desired = fromConflict ? rebaseDesired(input.desired, base) : input.desired.map((d) => ({ ...d }));
    const edit: MarksEdit = {
      type: 'edit',
      kind: 'marks',
      userId: this.userId,
      id,
      lessonId: input.lessonId,
      studentId: input.studentId,
      rev: (prev?.rev ?? 0) + 1,
      state: 'queued',
      unsent: !this.#o.online() || prev?.unsent,
      base,
      desired,
      updatedAt: this.#o.now(),
    };
    return this.#put(edit) ? edit : null;
  }

  /** The teacher set a cell's attendance: a code, or null (present). */
  setAttendance(input: { lessonId: string; studentId: string; base: AttendanceBase; desired: string | null }): AttendanceEdit | null {
    const id = editId('attendance', input.lessonId, input.studentId);
    const prev = this.#edits.get(id) as AttendanceEdit | undefined;
    const base = prev ? (prev.state === 'conflict' ? (prev.current ?? null) : prev.base) : input.base;
    const edit: AttendanceEdit = {
      type: 'edit',
      kind: 'attendance',
      userId: this.userId,
      id,
      lessonId: input.lessonId,
      studentId: input.studentId,
      rev: (prev?.rev ?? 0) + 1,
      state: 'queued',
      unsent: !this.#o.online() || prev?.unsent,
      base,
      desired: input.desired,
      updatedAt: this.#o.now(),
    };
    return this.#put(edit) ? edit : null;
  }

  /** A conflict: send mine again, on top of the value there now. */
  keepMine(id: string): void {
    const e = this.#edits.get(id);
    if (!e || e.state !== 'conflict') return;
    const next: Edit =
      e.kind === 'marks'
        ? { ...e, base: e.current ?? [], desired: rebaseDesired(e.desired, e.current ?? []), current: undefined }
        : { ...e, base: e.current ?? null, current: undefined };
    this.#put({ ...next, rev: e.rev + 1, state: 'queued', theirs: undefined, message: undefined, updatedAt: this.#o.now() }, 0);
  }

  /** A conflict: take the other value (the page has it already); or drop a refused edit. */
  discard(id: string): void {
    const e = this.#edits.get(id);
    if (e) this.#remove(e);
    this.#emit({ kind: 'status' });
  }

  /** Sends everything waiting now: back online, or a sign-in after the session ended. */
  retryAll(): void {
    this.#paused = false;
    const groups = new Set<string>();
    for (const e of this.#edits.values()) if (e.state === 'queued') groups.add(groupOf(e.kind, e.lessonId));
    for (const b of this.#batches.values()) groups.add(groupOf(b.kind, b.lessonId));
    for (const g of groups) this.#schedule(g, 0);
  }

  /** Sends what waits for these lessons without the debounce (leaving the page is no reason to wait). */
  flushNow(): void {
    this.retryAll();
  }

  dispose(): void {
    this.#disposed = true;
    for (const t of this.#timers.values()) clearTimeout(t);
    this.#timers.clear();
    this.#listeners.clear();
  }

  /** Sign-out: nothing of this account's edits stays in the browser. */
  async clear(): Promise<void> {
    this.dispose();
    this.#edits.clear();
    this.#batches.clear();
    await this.#io;
    await this.#o.storage.clear(this.userId);
  }

  /** Resolves once what was asked of the storage is written (tests, sign-out). */
  settled(): Promise<void> {
    return this.#io;
  }

  // ── internals ────────────────────────────────────────────────────────

  async #load(): Promise<void> {
    let records: OutboxRecord[] = [];
    try {
      records = await this.#o.storage.list(this.userId);
    } catch (error) {
      console.error(error);
    }
    for (const r of records) {
      if (r.type === 'batch') this.#batches.set(groupOf(r.kind, r.lessonId), r);
      else if (!this.#edits.has(r.id)) this.#edits.set(r.id, r);
    }
    for (const e of this.#edits.values()) this.#emit({ kind: 'edit', edit: e });
    this.#emit({ kind: 'status' });
    // Left over from an earlier visit: they go out now.
    if (records.length > 0) this.retryAll();
  }

  /** Keeps an edit (or ends it when it changes nothing) and schedules its lesson. */
  #put(edit: Edit, delay = this.#o.debounceMs): boolean {
    if (changesOf(edit).length === 0 && edit.state === 'queued') {
      const prev = this.#edits.get(edit.id);
      if (prev) this.#remove(prev);
      this.#emit({ kind: 'status' });
      return false;
    }
    this.#edits.set(edit.id, edit);
    this.#persist(edit);
    this.#emit({ kind: 'edit', edit });
    this.#emit({ kind: 'status' });
    if (edit.state === 'queued') this.#schedule(groupOf(edit.kind, edit.lessonId), delay);
    return true;
  }

  #remove(edit: Edit): void {
    const current = this.#edits.get(edit.id);
    if (!current) return;
    this.#edits.delete(edit.id);
    this.#unpersist(edit.id);
    this.#emit({ kind: 'removed', edit: current });
  }

  #persist(record: OutboxRecord): void {
    const copy = structuredClone(record);
    this.#io = this.#io.then(() => this.#o.storage.put(copy)).catch((error: unknown) => this.#storageFailed(error));
  }

  #unpersist(id: string): void {
    this.#io = this.#io.then(() => this.#o.storage.delete(this.userId, id)).catch((error: unknown) => this.#storageFailed(error));
  }

  /** A write failed (quota, a blocked database): memory holds the edits; the stored copy is no longer the truth. */
  #storageFailed(error: unknown): void {
    console.error(error);
    this.#storageBroken = true;
  }

  #emit(event: OutboxEvent): void {
    for (const listener of [...this.#listeners]) listener(event);
  }

  #schedule(group: string, delay: number): void {
    if (this.#disposed) return;
    const previous = this.#timers.get(group);
    if (previous !== undefined) clearTimeout(previous);
    this.#timers.set(
      group,
      setTimeout(() => {
        this.#timers.delete(group);
        void this.#send(group);
      }, delay),
    );
  }

  async #send(group: string): Promise<void> {
    if (this.#disposed || this.#paused) return;
    if (this.#sending.has(group)) {
      this.#again.add(group);
      return;
    }
    if (!this.#o.online()) {
      this.#markUnsent(group);
      return; // the `online` event brings it back (retryAll)
    }
    this.#sending.add(group);
    this.#emit({ kind: 'status' });
    let next: number | null = null;
    try {
      const work = () => this.#sendOnce(group);
      next = this.#o.lock ? await this.#o.lock(work) : await work();
    } catch (error) {
      console.error(error);
      next = this.#o.maxBackoffMs;
    } finally {
      this.#sending.delete(group);
      this.#emit({ kind: 'status' });
    }
    if (this.#again.delete(group)) next = 0;
    if (next !== null) this.#schedule(group, next);
  }

  #markUnsent(group: string): void {
    for (const e of this.#edits.values()) {
      if (groupOf(e.kind, e.lessonId) !== group || e.state !== 'queued' || e.unsent) continue;
      const next = { ...e, unsent: true };
      this.#edits.set(e.id, next);
      this.#persist(next);
      this.#emit({ kind: 'edit', edit: next });
    }
    this.#emit({ kind: 'status' });
  }

  #queued(group: string): Edit[] {
    return [...this.#edits.values()].filter((e) => e.state === 'queued' && groupOf(e.kind, e.lessonId) === group);
  }

  /** One request for the group; returns when to look again (null: nothing left to send). */
  async #sendOnce(group: string): Promise<number | null> {
    await this.#io;
    await this.#reconcile(group);
    let batch = this.#batches.get(group);
    if (!batch) {
      const queued = this.#queued(group);
      if (queued.length === 0) return null;
      const first = queued[0];
      if (!first) return null;
      const kind = first.kind;
      const changes: (MarkChange | AttendanceChange)[] = [];
      const edits: Batch['edits'] = [];
      for (const e of queued) {
        const own = changesOf(e);
        if (own.length === 0) {
          this.#remove(e);
          continue;
        }
        if (changes.length > 0 && changes.length + own.length > BATCH_LIMIT[kind]) continue; // the next batch
        changes.push(...own);
        edits.push({ id: e.id, rev: e.rev });
      }
      if (changes.length === 0) return null;
      batch = {
        type: 'batch',
        userId: this.userId,
        id: `batch|${group}`,
        lessonId: first.lessonId,
        kind,
        requestId: this.#o.uuid(),
        changes: changes as Batch['changes'],
        edits,
        attempts: 0,
      };
      this.#batches.set(group, batch);
      this.#persist(batch);
      await this.#io;
    }
    try {
      if (batch.kind === 'marks') {
        const result = await this.#o.transport.saveMarks(batch.lessonId, { clientRequestId: batch.requestId, changes: batch.changes as MarkChange[] });
        this.#dropBatch(batch);
        this.#emit({ kind: 'server', lessonId: batch.lessonId, marks: result.marks });
        this.#saved(batch, (e) => (e.kind === 'marks' ? { ...e, base: markBases(result.marks, e.lessonId, e.studentId) } : e));
      } else {
        const result = await this.#o.transport.saveAttendance(batch.lessonId, {
          clientRequestId: batch.requestId,
          changes: batch.changes as AttendanceChange[],
        });
        this.#dropBatch(batch);
        this.#emit({ kind: 'server', lessonId: batch.lessonId, attendance: result.attendance });
        this.#saved(batch, (e) => {
          if (e.kind !== 'attendance') return e;
          const record = result.attendance.find((a) => a.studentId === e.studentId && a.lessonId === e.lessonId);
          return { ...e, base: record ? { code: record.code, version: record.version } : null };
        });
      }
      return this.#queued(group).length > 0 ? 0 : null;
    } catch (error) {
      return this.#failed(group, batch, error);
    }
  }

  #dropBatch(batch: Batch): void {
    if (this.#batches.get(groupOf(batch.kind, batch.lessonId)) === batch) this.#batches.delete(groupOf(batch.kind, batch.lessonId));
    this.#unpersist(batch.id);
  }

  /** The batch went through: its edits are done, or — typed over meanwhile — rebased on the new state. */
  #saved(batch: Batch, rebase: (edit: Edit) => Edit): void {
    for (const ref of batch.edits) {
      const e = this.#edits.get(ref.id);
      if (!e) continue;
      if (e.rev === ref.rev) {
        this.#remove(e);
        continue;
      }
      let next = rebase({ ...e, unsent: false });
      if (next.kind === 'marks') next = { ...next, desired: rebaseDesired(next.desired, next.base) };
      this.#put(next, 0);
    }
    this.#emit({ kind: 'status' });
  }

  async #failed(group: string, batch: Batch, error: unknown): Promise<number | null> {
    if (retriable(error)) return this.#retryLater(group, batch, error);
    if (!(error instanceof ApiError)) return this.#retryLater(group, batch, error);
    if (error.status === 401) {
      // The session is over: the page goes to the sign-in form. Sending resumes after the next sign-in.
      this.#paused = true;
      this.#markUnsent(group);
      return null;
    }
    if (error.code === 'IDEMPOTENCY_KEY_REUSED') {
      const renewed = { ...batch, requestId: this.#o.uuid() };
      this.#batches.set(group, renewed);
      this.#persist(renewed);
      return 0;
    }
    if (error.status === 409 && error.code === 'CONFLICT') return this.#conflict(group, batch, error);
    this.#refuse(batch, error);
    return this.#queued(group).length > 0 ? 0 : null;
  }

  #retryLater(group: string, batch: Batch, error: unknown): number {
    const attempts = batch.attempts + 1;
    const next = { ...batch, attempts };
    this.#batches.set(group, next);
    this.#persist(next);
    this.#markUnsent(group);
    const retryAfter = error instanceof ApiError && error.retryAfterSeconds !== undefined ? error.retryAfterSeconds * 1000 : 0;
    return Math.min(this.#o.maxBackoffMs, Math.max(retryAfter, 1000 * 2 ** (attempts - 1)));
  }

  /** 400/403/404/422: the edits the answer names — else all of the batch — are refused with its message. */
  #refuse(batch: Batch, error: ApiError): void {
    this.#dropBatch(batch);
    const named = new Map<string, string>();
    for (const field of error.fields) {
      const m = /^body\.changes\.(\d+)/.exec(field.path);
      const change = m ? batch.changes[Number(m[1])] : undefined;
      if (!change) continue;
      const id = editId(batch.kind, batch.lessonId, change.studentId);
      named.set(id, named.has(id) ? `${named.get(id)} ${field.message}` : field.message);
    }
    for (const ref of batch.edits) {
      const e = this.#edits.get(ref.id);
      if (!e) continue;
      if (named.size > 0 && !named.has(e.id)) continue; // not at fault: goes in the next batch
      const message = named.get(e.id) ?? error.message;
      this.#put({ ...e, state: 'rejected', message: withClause(message, error.message), unsent: false });
    }
  }

  /** 409: read the lesson again and find which edits someone else overtook. */
  async #conflict(group: string, batch: Batch, error: ApiError): Promise<number | null> {
    let sheet: { marks: ServerMark[]; attendance: ServerAttendance[] };
    try {
      sheet = await this.#o.transport.getLesson(batch.lessonId);
    } catch (readError) {
      return this.#retryLater(group, batch, readError);
    }
    this.#dropBatch(batch);
    const marks = sheet.marks.filter((m) => m.lessonId === batch.lessonId);
    const attendance = sheet.attendance.filter((a) => a.lessonId === batch.lessonId);
    this.#emit({ kind: 'server', lessonId: batch.lessonId, marks, attendance });
    const current = error.details?.['current'];
    const named = typeof current === 'object' && current !== null ? (current as Record<string, unknown>) : null;
    const nameFor = (studentId: string): string | undefined =>
      named && named['studentId'] === studentId && typeof named['setByName'] === 'string' ? named['setByName'] : undefined;
    let placed = false;
    for (const ref of batch.edits) {
      const e = this.#edits.get(ref.id);
      if (!e || e.state !== 'queued') continue;
      if (e.kind === 'marks') {
        const now = markBases(marks, e.lessonId, e.studentId);
        const overtaken = e.base.some((b) => now.find((n) => n.id === b.id)?.version !== b.version);
        if (!overtaken) continue;
        placed = true;
        if (now.length === e.desired.length && now.every((n, i) => sameValues(n.values, e.desired[i]?.values ?? []))) {
          this.#remove(e); // the other teacher set what this one wanted
          continue;
        }
        const latest = marks
          .filter((m) => m.studentId === e.studentId)
          .sort((a, b) => b.setAt.localeCompare(a.setAt))[0];
        this.#put({
          ...e,
          state: 'conflict',
          unsent: false,
          current: now,
          theirs: { marks: now.map((n) => n.values), setBy: latest?.setBy, setAt: latest?.setAt, setByName: nameFor(e.studentId) },
        });
      } else {
        const record = attendance.find((a) => a.studentId === e.studentId);
        if ((record?.version ?? 0) === (e.base?.version ?? 0)) continue;
        placed = true;
        if ((record?.code ?? null) === e.desired) {
          this.#remove(e);
          continue;
        }
        this.#put({
          ...e,
          state: 'conflict',
          unsent: false,
          current: record ? { code: record.code, version: record.version } : null,
          theirs: { code: record?.code ?? null, setBy: record?.setBy, setAt: record?.setAt, setByName: nameFor(e.studentId) },
        });
      }
    }
    // Nothing overtaken that this page can see: not retried forever — refused with the API's word.
    if (!placed) this.#refuse({ ...batch, changes: [] }, new ApiError(409, error.code, error.message));
    this.#emit({ kind: 'status' });
    return this.#queued(group).length > 0 ? 0 : null;
  }

  /**
   * Another tab of the same account may have sent or changed edits of this group: the stored
   * records are the truth at the start of a send (read under the lock).
   */
  async #reconcile(group: string): Promise<void> {
    if (this.#storageBroken) return;
    let records: OutboxRecord[];
    try {
      records = await this.#o.storage.list(this.userId);
    } catch {
      return;
    }
    const stored = new Map(records.map((r) => [r.id, r]));
    const batchId = `batch|${group}`;
    const storedBatch = stored.get(batchId) as Batch | undefined;
    if (storedBatch && !this.#batches.has(group)) this.#batches.set(group, storedBatch);
    if (!storedBatch && this.#batches.has(group)) this.#batches.delete(group);
    let goneElsewhere = false;
    for (const e of [...this.#edits.values()]) {
      if (groupOf(e.kind, e.lessonId) !== group) continue;
      const s = stored.get(e.id) as Edit | undefined;
      if (!s) {
        goneElsewhere = true;
        this.#edits.delete(e.id);
        this.#emit({ kind: 'removed', edit: e });
      } else if (s.rev > e.rev) {
        this.#edits.set(s.id, s);
        this.#emit({ kind: 'edit', edit: s });
      }
    }
    for (const r of records) {
      if (r.type !== 'edit' || groupOf(r.kind, r.lessonId) !== group || this.#edits.has(r.id)) continue;
      this.#edits.set(r.id, r);
      this.#emit({ kind: 'edit', edit: r });
    }
    if (goneElsewhere) {
      // Sent by another tab: what the API has now, so the page does not show the old value.
      const lessonId = group.slice(group.indexOf('|') + 1);
      try {
        const sheet = await this.#o.transport.getLesson(lessonId);
        this.#emit({ kind: 'server', lessonId, marks: sheet.marks, attendance: sheet.attendance });
      } catch {
        // shown as it was typed; the next load of the journal has it
      }
    }
  }
}

/** A field's message with the regulation's clause of the whole answer when the field's own has none. */
function withClause(message: string, whole: string): string {
  if (/п\.\s*\d/.test(message) || message === whole) return message;
  const clause = /п\.\s*\d+(\.\d+)*/.exec(whole)?.[0];
  return clause ? `${message} (${clause})` : message;
}
