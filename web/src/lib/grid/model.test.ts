import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { roundAverage, weightedAverage } from '#shared/domain/rules/average.ts';
import { averageFormula, JournalModel, lockedText, type CellView, type RowView } from './model.ts';
import { memoryStorage } from './pending-store.ts';
import { Outbox, type OutboxRecord, type OutboxTransport } from './outbox.ts';
import { testJournal, testWorkTypes } from './test-journal.ts';
import type { ClassJournal } from '../journal.ts';

type TestBox<V> = { view: V; sets: number; set(view: V): void };
function box<V>(view: V): TestBox<V> {
  return {
    view,
    sets: 0,
    set(next) {
      this.view = next;
      this.sets += 1;
    },
  };
}

function setup(journal: ClassJournal, transport?: Partial<OutboxTransport>) {
  const outbox = new Outbox({
    userId: 'user-1',
    storage: memoryStorage<OutboxRecord>(),
    transport: {
      saveMarks: async (lessonId) => ({ lessonId, marks: [], replayed: false }),
      saveAttendance: async (lessonId) => ({ lessonId, attendance: [], replayed: false }),
      getLesson: async () => ({ marks: [], attendance: [] }),
      ...transport,
    },
  });
  const model = new JournalModel(journal, {
    today: '2026-12-04',
    outbox,
    makeCell: (view: CellView) => box(view),
    makeRow: (view: RowView) => box(view),
  });
  const detach = model.attach();
  return { model, outbox, detach };
}

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe('the journal as cells', () => {
  it('has students as rows (by name) and lessons by date as columns, with the API’s marks', () => {
    const { model } = setup(testJournal({ students: 3, lessons: 4 }));
    expect(model.rows.map((r) => r.name)).toEqual(['Андреев Антон 1', 'Белов Борис 2', 'Васильев Виктор 3']);
    expect(model.lessons.map((l) => l.column.date)).toEqual(['2026-12-01', '2026-12-02', '2026-12-03', '2026-12-04']);
    const cell = model.cell(0, 0);
    expect(cell && model.textOf(cell)).toBe('2');
    expect(model.rows[0]?.view.text).toMatch(/^\d,\d\d$/);
  });

  it('a typed mark touches its cell and its row’s average alone, shown pending until saved', async () => {
    const { model, outbox } = setup(testJournal({ students: 3, lessons: 4 }));
    const before = model.rows.flatMap((r) => r.cells.map((c) => (c.box as TestBox<CellView>).sets));
    expect(model.commit(1, 1, '5', 'replace')).toEqual({ ok: true });
    const after = model.rows.flatMap((r) => r.cells.map((c) => (c.box as TestBox<CellView>).sets));
    const touched = after.map((n, i) => n - (before[i] ?? 0)).filter((n) => n > 0);
    expect(touched).toEqual([1]);
    const cell = model.cell(1, 1)!;
    expect(cell.view).toMatchObject({ marks: [{ text: '5' }], status: 'pending' });
    expect(outbox.get('marks', cell.lessonId, cell.studentId)?.desired).toEqual([{ id: undefined, values: ['5'], workTypeId: 'answer', comment: undefined }]);
    expect((model.rows[1]?.box as TestBox<RowView>).sets).toBe(1);
  });

  it('typing over a cell replaces what it names; F2’s text is the whole cell', () => {
    const journal = testJournal({ students: 2, lessons: 2 });
    const { model } = setup(journal);
    const cell = model.cell(0, 0)!; // «2» from the API
    model.commit(0, 0, 'Н', 'replace');
    expect(model.textOf(cell)).toBe('Н 2'); // the mark stays
    model.commit(0, 0, '5/4 3', 'replace');
    expect(model.textOf(cell)).toBe('Н 5/4 3');
    model.commit(0, 0, '4', 'full');
    expect(model.textOf(cell)).toBe('4'); // the code is gone
    expect(model.clear(0, 0)).toEqual({ ok: true });
    expect(model.textOf(cell)).toBe('');
    const refused = model.commit(0, 0, '7', 'replace');
    expect(refused.ok).toBe(false);
  });

  it('tells why a cell cannot be written: another teacher’s lesson, a future one, a closed period, the lock, a student not in the class', () => {
    const journal = testJournal({ students: 2, lessons: 4, today: '2026-12-03' });
    const [l1, l2, l3, l4] = journal.lessons;
    journal.lessons.push({ ...l4!, id: `${journal.classId}.subject-M.2026-12-07.2`, date: '2026-12-07', status: 'planned' });
    journal.keptLessonIds = [l2!.id, l3!.id, l4!.id, `${journal.classId}.subject-M.2026-12-07.2`];
    journal.lockedLessons = [
      { lessonId: l2!.id, reason: 'closed' },
      { lessonId: l3!.id, reason: 'locked' },
    ];
    journal.settings = { ...journal.settings, lockAfterDays: 5 };
    journal.students[1] = { ...journal.students[1]!, to: l1!.date };
    const { model } = setup(journal);
    const reason = (r: number, c: number) => model.readOnlyReason(model.cell(r, c)!);
    expect(reason(0, 0)).toMatch(/ведёт другой учитель/);
    expect(reason(0, 1)).toBe('Период закрыт: выставлены итоговые отметки (п. 6.1). Изменить запись можно, когда координатор откроет период.');
    expect(reason(0, 2)).toBe(lockedText(5));
    expect(lockedText(5)).toMatch(/^Запись закрыта спустя 5 дней после урока/);
    expect(reason(0, 3)).toBeNull();
    expect(reason(0, 4)).toMatch(/Урок ещё не прошёл/);
    expect(reason(1, 3)).toMatch(/не числился/);
    expect(model.rows[1]?.left).toBe(true);
    expect(model.commit(0, 1, '5', 'replace')).toEqual({ ok: false, message: reason(0, 1) });
  });

  it('takes only attendance in grade 1 (п. 5.6)', () => {
    const { model } = setup(testJournal({ grade: 1, students: 2, lessons: 2 }));
    expect(model.marksAllowed).toBe(false);
    const refused = model.commit(0, 0, '5', 'replace');
    expect(!refused.ok && refused.message).toMatch(/п\. 5\.6/);
    expect(model.commit(0, 0, 'б', 'replace')).toEqual({ ok: true });
    expect(model.cell(0, 0)?.view.code).toBe('Б');
  });

  it('«Все присутствуют» takes the absences of a lesson off, lateness stays', () => {
    const journal = testJournal({ students: 3, lessons: 2 });
    const { model } = setup(journal);
    model.commit(0, 0, 'Н', 'replace');
    model.commit(1, 0, 'ОП', 'replace');
    model.commit(2, 0, 'Б', 'replace');
    expect(model.absentCount(0)).toBe(2);
    expect(model.allPresent(0)).toEqual({ ok: true, cleared: 2 });
    expect(model.rows.map((r) => model.codeOf(r.cells[0]!))).toEqual([null, 'ОП', null]);
  });

  it('pastes a spreadsheet’s column down from the cell, reporting what it could not read', () => {
    const { model } = setup(testJournal({ students: 3, lessons: 2 }));
    const result = model.paste(0, 1, [['5'], ['x'], ['4/3']]);
    expect(result.applied).toBe(2);
    expect(result.refused).toEqual([{ student: 'Белов Борис 2', date: expect.stringMatching(/^\d\d\.\d\d\.2026$/), message: expect.stringMatching(/Не распознано «x»/) }]);
    expect(model.rows.map((r) => model.marksOf(r.cells[1]!).map((m) => m.values.join('/')).join(' '))).toEqual(['5', expect.any(String), '4/3']);
  });

  it('a saved lesson’s marks come back from the API and the cell is no longer pending', async () => {
    const journal = testJournal({ students: 2, lessons: 2 });
    const lessonId = journal.lessons[1]!.id;
    const studentId = journal.students[0]!.studentId;
    const { model } = setup(journal, {
      saveMarks: async () => ({
        lessonId,
        marks: [{ id: 'mark-x', lessonId, studentId, values: ['5'], workTypeId: 'answer', version: 1, setBy: 'person-T', setAt: '2026-12-04T10:00:00.000Z' }],
        replayed: false,
      }),
    });
    model.commit(0, 1, '5', 'replace');
    await vi.advanceTimersByTimeAsync(700);
    const cell = model.cell(0, 1)!;
    expect(cell.view).toMatchObject({ marks: [{ text: '5' }], status: '' });
    expect(cell.serverMarks.map((m) => m.id)).toEqual(['mark-x']);
  });

  it('a mark’s work type and comment change through its dialog', () => {
    const { model, outbox } = setup(testJournal({ students: 2, lessons: 2 }));
    const cell = model.cell(0, 0)!;
    expect(model.updateMark(0, 0, 0, { workTypeId: 'control', comment: ' Молодец ' })).toEqual({ ok: true });
    const edit = outbox.get('marks', cell.lessonId, cell.studentId);
    expect(edit?.kind === 'marks' && edit.desired[0]).toMatchObject({ workTypeId: 'control', comment: 'Молодец' });
    expect(cell.view.marks[0]).toMatchObject({ weighted: true, control: true, commented: true });
  });
});

describe('the average’s formula', () => {
  it('shows each value with its weight and the domain’s result', () => {
    const marks = [
      { values: ['5'], workTypeId: 'answer' },
      { values: ['4'], workTypeId: 'control' },
    ];
    expect(averageFormula(marks, testWorkTypes)).toBe('(5·1 + 4·2) / (1 + 2) = 4,33');
    expect(roundAverage(weightedAverage(marks, testWorkTypes)!)).toBe(4.33);
    expect(averageFormula([{ values: ['5', '4'], workTypeId: 'independent' }, { values: ['ОСВ'], workTypeId: 'answer' }], testWorkTypes)).toBe(
      '(5·1,5 + 4·1,5) / (1,5 + 1,5) = 4,50',
    );
    expect(averageFormula([], testWorkTypes)).toBe('Отметок для среднего балла нет.');
  });
});
