/**
 * The editable class journal as cells: students as rows, lessons by date as columns. Each cell
 * keeps what the API has for it (marks, attendance) and the teacher's edit waiting in the outbox,
 * and shows the edit over the API's value. An edit touches its cell and its row's average alone:
 * the page gives every cell and row a box (`makeCell`, `makeRow`) and the model sets the box's
 * view only when what it shows changed — nothing else is rebuilt, nothing scrolls back.
 *
 * The rules shown are the regulation's (п. 5.6 no marks in grade 1, п. 6.1 a closed period, the
 * school's lock after N days, no entries before the lesson) and the keeper's (п. 5.3, 5.5): the
 * API decides them, the page only says so before a request is wasted. Averages are the domain's
 * `weightedAverage`/`markWeight`/`roundAverage` (shared/domain, schema-free).
 */
import { markWeight, roundAverage, weightedAverage } from '#shared/domain/rules/average.ts';
import { isNumericMarkValue } from '#shared/domain/mark-values.ts';
import { formatShortDate } from '../dates.ts';
import { formatInstantDateTime, plural } from '../format.ts';
import {
  formatAverage,
  journalColumns,
  journalStudents,
  latestColumnIndex,
  type ClassJournal,
  type JournalColumn,
  type JournalLesson,
  type WorkTypeRef,
} from '../journal.ts';
import { cellText, parseCellText, type AttendanceCodeRef, type CellEntry, type CellRules } from './cell-text.ts';
import type { Position } from './keys.ts';
import type { AttendanceBase, AttendanceEdit, DesiredMark, Edit, MarkBase, MarksEdit, Outbox, OutboxEvent, ServerAttendance, ServerMark } from './outbox.ts';

export type CellStatus = '' | 'pending' | 'unsent' | 'conflict' | 'rejected';

export type MarkView = {
  text: string;
  /** The work's weight is not 1: drawn with a frame (the legend says so). */
  weighted: boolean;
  control: boolean;
  commented: boolean;
};

/** What one cell shows. */
export type CellView = {
  marks: MarkView[];
  code: string | null;
  /** The code does not count as an absence (ОП, lateness): drawn apart. */
  presentCode: boolean;
  status: CellStatus;
};

export type RowView = { average: number | null; text: string };

export type Box<V> = { set(view: V): void };

/** A mark of a cell as drawn and edited: the API's, or the teacher's waiting. */
export type CellMark = {
  id?: string | undefined;
  values: string[];
  workTypeId: string;
  comment?: string | undefined;
  weight?: number | undefined;
  late?: boolean | undefined;
  setAt?: string | undefined;
};

type StoredMark = Pick<ServerMark, 'id' | 'lessonId' | 'studentId' | 'values' | 'workTypeId' | 'comment' | 'version' | 'setBy' | 'setAt'> & {
  weight?: number | undefined;
  late?: boolean | undefined;
};
type StoredAttendance = Pick<ServerAttendance, 'code' | 'version' | 'setBy' | 'setAt'>;

export type GridLesson = {
  column: JournalColumn;
  lesson: JournalLesson;
  /** Why its cells cannot be written now (null: they can). */
  readOnly: string | null;
  /** The work type a new mark gets: the lesson's work, else the plain answer at the lesson. */
  defaultWorkTypeId: string;
};

export class GridCell<CB extends Box<CellView> = Box<CellView>> {
  readonly key: string;
  serverMarks: StoredMark[] = [];
  serverAttendance: StoredAttendance | null = null;
  marksEdit: MarksEdit | undefined;
  attendanceEdit: AttendanceEdit | undefined;
  view: CellView;
  #signature = '';
  box!: CB;

  constructor(
    readonly row: number,
    readonly col: number,
    readonly lessonId: string,
    readonly studentId: string,
    /** The student was not in the class (subgroup) on the lesson's date. */
    readonly outside: boolean,
  ) {
    this.key = `${lessonId}|${studentId}`;
    this.view = { marks: [], code: null, presentCode: false, status: '' };
  }

  /** Sets the view; true when it changed. */
  update(view: CellView): boolean {
    let signature = `${view.status}|${view.code ?? ''}|${view.presentCode ? 1 : 0}`;
    for (const m of view.marks) signature += `|${m.text}${m.weighted ? 'w' : ''}${m.control ? 'c' : ''}${m.commented ? 'k' : ''}`;
    if (signature === this.#signature) return false;
    this.#signature = signature;
    this.view = view;
    return true;
  }
}

export type GridRow<CB extends Box<CellView> = Box<CellView>, RB extends Box<RowView> = Box<RowView>> = {
  index: number;
  number: number;
  studentId: string;
  name: string;
  note?: string | undefined;
  /** Left the class during the period. */
  left: boolean;
  cells: GridCell<CB>[];
  /** The period's final mark (read-only here). */
  finalMark: string | null;
  view: RowView;
  box: RB;
};

export type CommitResult = { ok: true } | { ok: false; message: string };

/** A mark as the details under the grid tell it: `5 — Ответ на уроке, вес 1`. */
export type MarkDetails = {
  index: number;
  id?: string | undefined;
  text: string;
  workType: string;
  weight: string;
  comment?: string | undefined;
  control: boolean;
  late: boolean;
};

/** A waiting edit that needs the teacher: someone else's value in between, or a refusal. */
export type EditNotice =
  | { kind: 'conflict'; editId: string; what: string; mine: string; theirs: string; who: string; at: string }
  | { kind: 'rejected'; editId: string; what: string; mine: string; message: string };

/** What the details under the grid say about the focused cell (no hover needed: a phone has none). */
export type CellDetails =
  | { kind: 'lesson'; col: number; title: string; topic?: string | undefined; work?: string | undefined; readOnly: string | null }
  | {
      kind: 'cell';
      row: number;
      col: number;
      student: string;
      lesson: string;
      topic?: string | undefined;
      readOnly: string | null;
      marks: MarkDetails[];
      attendance: { code: string; name: string } | null;
      status: CellStatus;
      notices: EditNotice[];
    }
  | { kind: 'average'; row: number; student: string; text: string; formula: string }
  | { kind: 'final'; row: number; student: string; value: string | null; period: string }
  | { kind: 'none' };

export type ModelOptions<CB extends Box<CellView>, RB extends Box<RowView>> = {
  today: string;
  outbox?: Outbox | undefined;
  makeCell: (view: CellView) => CB;
  makeRow: (view: RowView) => RB;
};

const READ_ONLY = {
  notKept: 'Этот урок ведёт другой учитель: здесь только просмотр.',
  cancelled: 'Урок отменён: отметки и посещаемость за него не ставятся.',
  future: 'Урок ещё не прошёл: отметки и посещаемость ставятся в день урока и после него.',
  closed: 'Период закрыт: выставлены итоговые отметки (п. 6.1). Изменить запись можно, когда координатор откроет период.',
  outside: 'Обучающийся не числился в классе (группе) в день урока.',
} as const;

export function lockedText(days: number | undefined): string {
  return days
    ? `Запись закрыта спустя ${days} ${plural(days, 'день', 'дня', 'дней')} после урока. Открыть её может координатор.`
    : 'Запись по уроку закрыта. Открыть её может координатор.';
}

/** `1.5` → `1,5`. */
export function formatWeight(weight: number): string {
  return String(weight).replace('.', ',');
}

/**
 * The average's formula as the teacher checks it: «(5·1 + 4·2) / (1 + 2) = 4,33» — each numeric
 * value times its weight over the sum of the weights, then the domain's rounded average.
 */
export function averageFormula(marks: readonly CellMark[], workTypes: readonly Pick<WorkTypeRef, 'id' | 'weight'>[]): string {
  const terms: string[] = [];
  const weights: string[] = [];
  for (const mark of marks) {
    const weight = markWeight(mark, workTypes);
    for (const value of mark.values) {
      if (!isNumericMarkValue(value)) continue;
      terms.push(`${value}·${formatWeight(weight)}`);
      weights.push(formatWeight(weight));
    }
  }
  const average = weightedAverage(marks, workTypes);
  if (average === null || terms.length === 0) return 'Отметок для среднего балла нет.';
  return `(${terms.join(' + ')}) / (${weights.join(' + ')}) = ${formatAverage(roundAverage(average))}`;
}

function toCellMark(m: StoredMark): CellMark {
  return { id: m.id, values: [...m.values], workTypeId: m.workTypeId, comment: m.comment, weight: m.weight, late: m.late, setAt: m.setAt };
}

function toBase(m: StoredMark): MarkBase {
  return { id: m.id, values: [...m.values], workTypeId: m.workTypeId, ...(m.comment ? { comment: m.comment } : {}), version: m.version };
}

function sameMarks(a: readonly CellMark[], b: readonly string[][]): boolean {
  return a.length === b.length && a.every((m, i) => m.values.join('/') === b[i]?.join('/'));
}

export class JournalModel<CB extends Box<CellView> = Box<CellView>, RB extends Box<RowView> = Box<RowView>> {
  readonly journal: ClassJournal;
  readonly today: string;
  readonly lessons: GridLesson[];
  readonly rows: GridRow<CB, RB>[];
  readonly marksAllowed: boolean;
  readonly attendanceCodes: readonly (AttendanceCodeRef & { countsAsAbsence: boolean })[];
  readonly rules: CellRules;
  /** The caller keeps at least one lesson shown here (else the grid is only read). */
  readonly editable: boolean;
  /** The column to open at (the latest lesson held). */
  readonly latestIndex: number;
  readonly #outbox: Outbox | undefined;
  readonly #byKey = new Map<string, GridCell<CB>>();
  readonly #lessonIndex = new Map<string, number>();
  readonly #workTypes: readonly WorkTypeRef[];

  constructor(journal: ClassJournal, options: ModelOptions<CB, RB>) {
    this.journal = journal;
    this.today = journal.today ?? options.today;
    this.#outbox = options.outbox;
    this.#workTypes = journal.workTypes;
    this.marksAllowed = journal.marksAllowed;
    // The school's own codes, as the API answers with the journal (never a copy kept here).
    this.attendanceCodes = journal.attendanceCodes;
    this.rules = { marksAllowed: journal.marksAllowed, attendanceCodes: this.attendanceCodes };

    const kept = new Set(journal.keptLessonIds);
    const locked = new Map(journal.lockedLessons.map((l) => [l.lessonId, l.reason]));
    const byId = new Map(journal.lessons.map((l) => [l.id, l]));
    const fallbackWorkType =
      journal.workTypes.find((w) => w.id === 'answer' && !w.archived)?.id ?? journal.workTypes.find((w) => !w.archived && w.weight === 1)?.id ?? journal.workTypes[0]?.id ?? 'answer';
    const columns = journalColumns(journal, this.today);
    this.lessons = columns.map((column): GridLesson => {
      const lesson = byId.get(column.lessonId) as JournalLesson;
      const lock = locked.get(column.lessonId);
      const readOnly = !kept.has(column.lessonId)
        ? READ_ONLY.notKept
        : lesson.status === 'cancelled'
          ? READ_ONLY.cancelled
          : lesson.date > this.today
            ? READ_ONLY.future
            : lock === 'closed'
              ? READ_ONLY.closed
              : lock === 'locked'
                ? lockedText(journal.settings.lockAfterDays)
                : null;
      const own = lesson.workTypeId ? journal.workTypes.find((w) => w.id === lesson.workTypeId && !w.archived) : undefined;
      return { column, lesson, readOnly, defaultWorkTypeId: own?.id ?? fallbackWorkType };
    });
    this.lessons.forEach((l, i) => this.#lessonIndex.set(l.column.lessonId, i));
    this.editable = this.lessons.some((l) => kept.has(l.column.lessonId));
    this.latestIndex = latestColumnIndex(columns, this.today);

    const finals = new Map(journal.finalMarks.filter((f) => f.studyPeriodId === journal.period.id).map((f) => [f.studentId, f.value]));
    this.rows = journalStudents(journal).map((s, r) => {
      const cells = this.lessons.map((l, c) => {
        const date = l.column.date;
        const cell = new GridCell<CB>(r, c, l.column.lessonId, s.studentId, date < s.from || (s.to !== undefined && date > s.to));
        this.#byKey.set(cell.key, cell);
        return cell;
      });
      return {
        index: r,
        number: r + 1,
        studentId: s.studentId,
        name: s.name,
        note: s.note,
        left: s.left,
        cells,
        finalMark: finals.get(s.studentId) ?? null,
        view: { average: null, text: '—' },
        box: undefined as unknown as RB,
      };
    });
    const marks = [...journal.marks].sort((a, b) => a.setAt.localeCompare(b.setAt));
    for (const m of marks) this.#byKey.get(`${m.lessonId}|${m.studentId}`)?.serverMarks.push(m);
    for (const a of journal.attendance) {
      const cell = this.#byKey.get(`${a.lessonId}|${a.studentId}`);
      if (cell) cell.serverAttendance = a;
    }
    if (this.#outbox) {
      for (const e of this.#outbox.edits()) this.#takeEdit(e);
    }
    for (const row of this.rows) {
      for (const cell of row.cells) {
        cell.update(this.#viewOf(cell));
        cell.box = options.makeCell(cell.view);
      }
      row.view = this.#rowView(row);
      row.box = options.makeRow(row.view);
    }
  }

  /** Follows the outbox: edits made, saved, refused; the API's records after a save. Returns the unsubscribe. */
  attach(): () => void {
    return this.#outbox ? this.#outbox.subscribe((event) => this.#onEvent(event)) : () => {};
  }

  get columnCount(): number {
    return this.lessons.length;
  }

  cell(row: number, col: number): GridCell<CB> | undefined {
    return this.rows[row]?.cells[col];
  }

  /** Why the cell cannot be written now; null when it can. */
  readOnlyReason(cell: GridCell<CB>): string | null {
    const lesson = this.lessons[cell.col];
    if (!lesson) return READ_ONLY.notKept;
    return lesson.readOnly ?? (cell.outside ? READ_ONLY.outside : null);
  }

  /** The marks the cell shows: the teacher's waiting edit, else the API's. */
  marksOf(cell: GridCell<CB>): CellMark[] {
    if (cell.marksEdit) {
      return cell.marksEdit.desired.map((d) => {
        const server = d.id ? cell.serverMarks.find((m) => m.id === d.id) : undefined;
        return { id: d.id, values: d.values, workTypeId: d.workTypeId, comment: d.comment, weight: server?.weight, late: server?.late, setAt: server?.setAt };
      });
    }
    return cell.serverMarks.map(toCellMark);
  }

  codeOf(cell: GridCell<CB>): string | null {
    return cell.attendanceEdit ? cell.attendanceEdit.desired : (cell.serverAttendance?.code ?? null);
  }

  /** The cell's text as F2 edits it: `Н 5/4`. */
  textOf(cell: GridCell<CB>): string {
    return cellText(
      this.marksOf(cell).map((m) => m.values),
      this.codeOf(cell),
    );
  }

  statusOf(cell: GridCell<CB>): CellStatus {
    const states = [cell.marksEdit, cell.attendanceEdit].filter((e): e is Edit => e !== undefined);
    if (states.some((e) => e.state === 'conflict')) return 'conflict';
    if (states.some((e) => e.state === 'rejected')) return 'rejected';
    if (states.some((e) => e.unsent)) return 'unsent';
    return states.length > 0 ? 'pending' : '';
  }

  /**
   * The teacher typed `text` into the cell. `replace` (typed over the cell): the marks named
   * replace the marks, a code named replaces the code, what is not named stays, nothing typed
   * changes nothing. `full` (F2, the cell's whole text): the text is the cell.
   */
  commit(row: number, col: number, text: string, mode: 'replace' | 'full'): CommitResult {
    const cell = this.cell(row, col);
    if (!cell) return { ok: false, message: 'Нет такой клетки.' };
    const reason = this.readOnlyReason(cell);
    if (reason) return { ok: false, message: reason };
    const parsed = parseCellText(text, this.rules);
    if (!parsed.ok) return parsed;
    return this.#apply(cell, parsed.entry, mode);
  }

  /** Delete: no marks, no code (present). */
  clear(row: number, col: number): CommitResult {
    const cell = this.cell(row, col);
    if (!cell) return { ok: false, message: 'Нет такой клетки.' };
    const reason = this.readOnlyReason(cell);
    if (reason) return { ok: false, message: reason };
    return this.#apply(cell, { marks: [], code: undefined }, 'full');
  }

  /**
   * A button under the grid (a phone has no keys to spare): a mark replaces the cell's last mark
   * (or is the first), a code is set — or taken off when the cell has it already.
   */
  quick(row: number, col: number, token: string): CommitResult {
    const cell = this.cell(row, col);
    if (!cell) return { ok: false, message: 'Нет такой клетки.' };
    const reason = this.readOnlyReason(cell);
    if (reason) return { ok: false, message: reason };
    const parsed = parseCellText(token, this.rules);
    if (!parsed.ok) return parsed;
    const { marks, code } = parsed.entry;
    if (code !== undefined) {
      const current = this.codeOf(cell);
      return this.#apply(cell, { code: current === code ? '' : code }, 'replace');
    }
    if (marks && marks[0]) {
      const current = this.marksOf(cell).map((m) => m.values);
      const next = current.length === 0 ? [marks[0]] : [...current.slice(0, -1), marks[0]];
      return this.#apply(cell, { marks: next }, 'replace');
    }
    return { ok: true };
  }

  /** A mark's work type and comment (the mark dialog). */
  updateMark(row: number, col: number, index: number, change: { workTypeId: string; comment: string }): CommitResult {
    const cell = this.cell(row, col);
    if (!cell) return { ok: false, message: 'Нет такой клетки.' };
    const reason = this.readOnlyReason(cell);
    if (reason) return { ok: false, message: reason };
    const marks = this.marksOf(cell);
    const mark = marks[index];
    if (!mark) return { ok: false, message: 'Нет такой отметки.' };
    const comment = change.comment.trim();
    if (comment.length > 500) return { ok: false, message: 'Комментарий — не длиннее 500 символов.' };
    const desired: DesiredMark[] = marks.map((m, i) => ({
      id: m.id,
      values: m.values,
      workTypeId: i === index ? change.workTypeId : m.workTypeId,
      comment: i === index ? comment || undefined : m.comment,
    }));
    this.#setMarks(cell, desired);
    return { ok: true };
  }

  /** How many students of the lesson have a code that counts as an absence. */
  absentCount(col: number): number {
    return this.rows.filter((r) => {
      const cell = r.cells[col];
      return cell && !cell.outside && this.#isAbsence(this.codeOf(cell));
    }).length;
  }

  /** «Все присутствуют»: the absences of the lesson are taken off (lateness stays). Returns how many. */
  allPresent(col: number): { ok: true; cleared: number } | { ok: false; message: string } {
    const lesson = this.lessons[col];
    if (!lesson) return { ok: false, message: 'Нет такого урока.' };
    if (lesson.readOnly) return { ok: false, message: lesson.readOnly };
    let cleared = 0;
    for (const row of this.rows) {
      const cell = row.cells[col];
      if (!cell || cell.outside || !this.#isAbsence(this.codeOf(cell))) continue;
      this.#setAttendance(cell, null);
      cleared += 1;
    }
    return { ok: true, cleared };
  }

  /**
   * A spreadsheet's rows pasted from the cell (row, col) down and right: each value as if typed
   * over its cell. Lessons that cannot be written and values not understood are reported.
   */
  paste(row: number, col: number, values: readonly (readonly string[])[]): { applied: number; refused: { student: string; date: string; message: string }[] } {
    let applied = 0;
    const refused: { student: string; date: string; message: string }[] = [];
    values.forEach((line, i) => {
      line.forEach((value, j) => {
        const cell = this.cell(row + i, col + j);
        if (!cell) return;
        const result = this.commit(cell.row, cell.col, value, 'replace');
        if (result.ok) applied += value.trim() === '' ? 0 : 1;
        else if (value.trim() !== '') {
          refused.push({ student: this.rows[cell.row]?.name ?? '', date: formatShortDate(this.lessons[cell.col]?.column.date ?? ''), message: result.message });
        }
      });
    });
    return { applied, refused };
  }

  /** The row's marks in column order, for the average and its formula. */
  rowMarks(row: number): CellMark[] {
    return (this.rows[row]?.cells ?? []).flatMap((c) => this.marksOf(c));
  }

  formula(row: number): string {
    return averageFormula(this.rowMarks(row), this.#workTypes);
  }

  workTypeName(id: string): string {
    return this.#workTypes.find((w) => w.id === id)?.name ?? id;
  }

  weightOf(mark: CellMark): number {
    return markWeight(mark, this.#workTypes);
  }

  attendanceName(code: string): string {
    return this.attendanceCodes.find((c) => c.code === code)?.name ?? `посещаемость: ${code}`;
  }

  /** The edits of a cell, for the conflict and refusal panel. */
  editsOf(cell: GridCell<CB>): Edit[] {
    return [cell.marksEdit, cell.attendanceEdit].filter((e): e is Edit => e !== undefined);
  }

  /** A conflict: send mine again over the other value. */
  keepMine(editId: string): void {
    this.#outbox?.keepMine(editId);
  }

  /** A conflict: take the other value; a refusal: drop mine. */
  discard(editId: string): void {
    this.#outbox?.discard(editId);
  }

  /** «03.12.2026, 2-й урок». */
  lessonTitle(col: number): string {
    const l = this.lessons[col];
    return l ? `${formatShortDate(l.column.date)}, ${l.column.slot}-й урок` : '';
  }

  /** The details line's content for a position (lesson columns, then the average and the final mark). */
  describe(pos: Position): CellDetails {
    const lesson = this.lessons[pos.col];
    if (pos.row < 0) {
      if (!lesson) return { kind: 'none' };
      const work = lesson.lesson.workTypeId ? this.workTypeName(lesson.lesson.workTypeId) : undefined;
      return {
        kind: 'lesson',
        col: pos.col,
        title: this.lessonTitle(pos.col),
        topic: lesson.lesson.topic,
        work: work ? `${work}${lesson.lesson.workTopic ? `: ${lesson.lesson.workTopic}` : ''}` : undefined,
        readOnly: lesson.readOnly,
      };
    }
    const row = this.rows[pos.row];
    if (!row) return { kind: 'none' };
    if (pos.col === this.lessons.length) {
      return { kind: 'average', row: pos.row, student: row.name, text: row.view.text, formula: this.formula(pos.row) };
    }
    if (pos.col === this.lessons.length + 1) {
      return { kind: 'final', row: pos.row, student: row.name, value: row.finalMark, period: this.journal.period.name };
    }
    const cell = row.cells[pos.col];
    if (!cell || !lesson) return { kind: 'none' };
    const code = this.codeOf(cell);
    return {
      kind: 'cell',
      row: pos.row,
      col: pos.col,
      student: row.name,
      lesson: this.lessonTitle(pos.col),
      topic: lesson.lesson.topic,
      readOnly: this.readOnlyReason(cell),
      marks: this.marksOf(cell).map((m, index) => ({
        index,
        id: m.id,
        text: m.values.join('/'),
        workType: this.workTypeName(m.workTypeId),
        weight: formatWeight(this.weightOf(m)),
        comment: m.comment,
        control: this.#workTypes.find((w) => w.id === m.workTypeId)?.isControl ?? false,
        late: m.late ?? false,
      })),
      attendance: code ? { code, name: this.attendanceName(code) } : null,
      status: this.statusOf(cell),
      notices: this.editsOf(cell).flatMap((e) => this.#notice(e)),
    };
  }

  #notice(edit: Edit): EditNotice[] {
    const what = edit.kind === 'marks' ? 'отметки' : 'посещаемость';
    const mine =
      edit.kind === 'marks' ? edit.desired.map((d) => d.values.join('/')).join(' ') || 'без отметок' : (edit.desired ?? 'присутствовал(а)');
    if (edit.state === 'rejected') return [{ kind: 'rejected', editId: edit.id, what, mine, message: edit.message ?? 'Изменение не принято.' }];
    if (edit.state !== 'conflict') return [];
    const t = edit.theirs ?? {};
    const theirs =
      edit.kind === 'marks' ? (t.marks ?? []).map((v) => v.join('/')).join(' ') || 'без отметок' : (t.code ?? 'присутствовал(а)');
    return [
      {
        kind: 'conflict',
        editId: edit.id,
        what,
        mine,
        theirs,
        who: t.setByName ?? 'другой пользователь',
        at: t.setAt ? formatInstantDateTime(t.setAt) : '',
      },
    ];
  }

  // ── internals ────────────────────────────────────────────────────────

  #isAbsence(code: string | null): boolean {
    return code !== null && (this.attendanceCodes.find((c) => c.code === code)?.countsAsAbsence ?? true);
  }

  #apply(cell: GridCell<CB>, entry: CellEntry, mode: 'replace' | 'full'): CommitResult {
    if (mode === 'replace' && entry.marks === undefined && entry.code === undefined) return { ok: true };
    const marks = entry.marks ?? (mode === 'full' ? [] : undefined);
    // In `replace`, '' is the quick button's "take the code off".
    const code = entry.code === '' ? null : (entry.code ?? (mode === 'full' ? null : undefined));
    if (marks !== undefined && !this.marksAllowed && marks.length > 0) {
      return { ok: false, message: 'В 1 классе отметки не выставляются (п. 5.6): только посещаемость.' };
    }
    const lesson = this.lessons[cell.col];
    if (marks !== undefined) {
      const current = this.marksOf(cell);
      if (!sameMarks(current, marks)) {
        const desired: DesiredMark[] = marks.map((values, i) => ({
          id: current[i]?.id,
          values,
          workTypeId: current[i]?.workTypeId ?? lesson?.defaultWorkTypeId ?? 'answer',
          comment: current[i]?.comment,
        }));
        this.#setMarks(cell, desired);
      }
    }
    if (code !== undefined && code !== this.codeOf(cell)) this.#setAttendance(cell, code);
    return { ok: true };
  }

  #setMarks(cell: GridCell<CB>, desired: DesiredMark[]): void {
    if (!this.#outbox) return;
    const base: MarkBase[] = cell.serverMarks.map(toBase);
    this.#outbox.setMarks({ lessonId: cell.lessonId, studentId: cell.studentId, base, desired });
  }

  #setAttendance(cell: GridCell<CB>, code: string | null): void {
    if (!this.#outbox) return;
    const base: AttendanceBase = cell.serverAttendance ? { code: cell.serverAttendance.code, version: cell.serverAttendance.version } : null;
    this.#outbox.setAttendance({ lessonId: cell.lessonId, studentId: cell.studentId, base, desired: code });
  }

  #takeEdit(edit: Edit): GridCell<CB> | undefined {
    const cell = this.#byKey.get(`${edit.lessonId}|${edit.studentId}`);
    if (!cell) return undefined;
    if (edit.kind === 'marks') cell.marksEdit = edit;
    else cell.attendanceEdit = edit;
    return cell;
  }

  #onEvent(event: OutboxEvent): void {
    if (event.kind === 'status') return;
    if (event.kind === 'edit') {
      const cell = this.#takeEdit(event.edit);
      if (cell) this.#refresh(cell);
      return;
    }
    if (event.kind === 'removed') {
      const cell = this.#byKey.get(`${event.edit.lessonId}|${event.edit.studentId}`);
      if (!cell) return;
      if (event.edit.kind === 'marks') cell.marksEdit = undefined;
      else cell.attendanceEdit = undefined;
      this.#refresh(cell);
      return;
    }
    const col = this.#lessonIndex.get(event.lessonId);
    if (col === undefined) return;
    for (const row of this.rows) {
      const cell = row.cells[col];
      if (!cell) continue;
      if (event.marks) {
        cell.serverMarks = event.marks
          .filter((m) => m.lessonId === event.lessonId && m.studentId === cell.studentId)
          .sort((a, b) => a.setAt.localeCompare(b.setAt));
      }
      if (event.attendance) {
        cell.serverAttendance = event.attendance.find((a) => a.lessonId === event.lessonId && a.studentId === cell.studentId) ?? null;
      }
      this.#refresh(cell);
    }
  }

  #refresh(cell: GridCell<CB>): void {
    if (!cell.update(this.#viewOf(cell))) return;
    cell.box.set(cell.view);
    const row = this.rows[cell.row];
    if (!row) return;
    const view = this.#rowView(row);
    if (view.text !== row.view.text) {
      row.view = view;
      row.box.set(view);
    }
  }

  #viewOf(cell: GridCell<CB>): CellView {
    const code = this.codeOf(cell);
    return {
      marks: this.marksAllowed
        ? this.marksOf(cell).map((m) => {
            const workType = this.#workTypes.find((w) => w.id === m.workTypeId);
            return {
              text: m.values.join('/'),
              weighted: markWeight(m, this.#workTypes) !== 1,
              control: workType?.isControl ?? false,
              commented: !!m.comment,
            };
          })
        : [],
      code,
      presentCode: code !== null && !this.#isAbsence(code),
      status: this.statusOf(cell),
    };
  }

  #rowView(row: GridRow<CB, RB>): RowView {
    if (!this.marksAllowed) return { average: null, text: '—' };
    const average = weightedAverage(this.rowMarks(row.index), this.#workTypes);
    const rounded = average === null ? null : roundAverage(average);
    return { average: rounded, text: formatAverage(rounded) };
  }
}
