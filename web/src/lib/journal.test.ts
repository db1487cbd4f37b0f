import { describe, expect, it } from 'vitest';
import { roundAverage, weightedAverage } from '#shared/domain/rules/average.ts';
import {
  apiPath,
  buildJournalGrid,
  buildLessonRows,
  classNameOf,
  formatAverage,
  groupJournals,
  journalLinkText,
  journalTitle,
  lessonFacts,
  lessonGroupTitle,
  lessonState,
  periodName,
  periodOptions,
  routeHref,
  substitutionItems,
  type ClassJournal,
  type JournalRef,
  type LessonSheet,
  type SubstitutionRef,
  type WorkTypeRef,
} from './journal.ts';

const workTypes: WorkTypeRef[] = [
  { id: 'answer', name: 'Ответ на уроке', shortName: 'Отв', weight: 1, isControl: false, requiresWorkTopic: false, isCheck: false, archived: false },
  { id: 'control', name: 'Контрольная работа', shortName: 'К/р', weight: 2, isControl: true, requiresWorkTopic: true, isCheck: false, archived: false },
];

describe('paths', () => {
  it('percent-encodes ids with Cyrillic letters', () => {
    expect(apiPath(['journals', 'c-2026-05-А', 'subject-X'], { periodId: '2026-2027-q2' })).toBe(
      '/api/journals/c-2026-05-%D0%90/subject-X?periodId=2026-2027-q2',
    );
    expect(apiPath(['students', 'person-1', 'diary'], { weekStart: undefined })).toBe('/api/students/person-1/diary');
    expect(routeHref('journal', 'c-2026-05-А', 's', undefined)).toBe('#/journal/c-2026-05-%D0%90/s');
  });
});

describe('study periods', () => {
  it('names periods from their ids', () => {
    expect(periodName('2026-2027-q2')).toBe('2 четверть');
    expect(periodName('2026-2027-h1')).toBe('1 полугодие');
    expect(periodName('2026-2027-t3')).toBe('3 триместр');
    expect(periodName('2026-2027-y')).toBe('Год');
  });
  it('offers the periods of the same kind and year', () => {
    expect(periodOptions({ id: '2026-2027-q2', name: '2 четверть' })).toEqual([
      { id: '2026-2027-q1', name: '1 четверть' },
      { id: '2026-2027-q2', name: '2 четверть' },
      { id: '2026-2027-q3', name: '3 четверть' },
      { id: '2026-2027-q4', name: '4 четверть' },
    ]);
    expect(periodOptions({ id: '2026-2027-h2', name: 'II полугодие' }).map((o) => o.name)).toEqual(['1 полугодие', 'II полугодие']);
    expect(periodOptions({ id: '2026-2027-y', name: 'Год' })).toEqual([{ id: '2026-2027-y', name: 'Год' }]);
  });
});

function journal(overrides: Partial<ClassJournal> = {}): ClassJournal {
  const lesson = (date: string, slot: number, extra: Partial<ClassJournal['lessons'][number]> = {}) => ({
    id: `c-2026-05-А.subject-M.${date}.${slot}`,
    academicYearId: '2026-2027',
    date,
    slot,
    classId: 'c-2026-05-А',
    subjectId: 'subject-M',
    teacherId: 'person-T',
    isDistance: false,
    materials: [],
    status: 'conducted' as const,
    version: 1,
    ...extra,
  });
  const mark = (lessonId: string, studentId: string, values: string[], workTypeId = 'answer', setAt = '2026-11-10T08:00:00.000Z') => ({
    id: `mark-${lessonId}-${studentId}-${values.join('')}`,
    lessonId,
    studentId,
    values: values as ClassJournal['marks'][number]['values'],
    workTypeId,
    version: 1,
    setBy: 'person-T',
    setAt,
    date: lessonId.split('.')[2] ?? '',
    slot: Number(lessonId.split('.')[3]),
    subjectId: 'subject-M',
  });
  const l1 = lesson('2026-11-10', 2, { topic: 'Дроби' });
  const l2 = lesson('2026-11-12', 1, { topic: 'Контрольная работа', workTypeId: 'control', workTopic: 'Дроби', isDistance: true });
  const l3 = lesson('2026-11-12', 3, { substituteTeacherId: 'person-S' });
  const l4 = lesson('2026-11-13', 1, { status: 'cancelled' });
  const l5 = lesson('2026-12-20', 1, { status: 'planned' });
  return {
    classId: 'c-2026-05-А',
    className: '5А',
    groupId: 'c-2026-05-А',
    groupName: '5А',
    subjectId: 'subject-M',
    subjectName: 'Математика',
    grade: 5,
    marksAllowed: true,
    period: { id: '2026-2027-q2', name: '2 четверть', startDate: '2026-11-05', endDate: '2026-12-28' },
    students: [
      { studentId: 'person-B', name: 'Яковлев Борис', from: '2026-09-01' },
      { studentId: 'person-A', name: 'Андреева Анна', from: '2026-11-11' },
    ],
    lessons: [l5, l4, l3, l2, l1],
    marks: [
      mark(l1.id, 'person-B', ['5']),
      mark(l2.id, 'person-B', ['3'], 'control', '2026-11-12T09:00:00.000Z'),
      mark(l2.id, 'person-B', ['5', '4'], 'answer', '2026-11-12T08:00:00.000Z'),
      mark(l2.id, 'person-A', ['4'], 'control'),
    ],
    attendance: [{ lessonId: l3.id, studentId: 'person-A', code: 'Н', version: 1, setBy: 'person-T', setAt: '2026-11-12T10:00:00.000Z', date: '2026-11-12', slot: 3, subjectId: 'subject-M' }],
    finalMarks: [],
    attendanceCodes: [],
    state: { closed: false, version: 0 },
    keptLessonIds: [],
    lockedLessons: [],
    settings: { fillDeadlineDays: 2, roundingThreshold: 0.5 },
    workTypes,
    ...overrides,
  };
}

describe('journal grid', () => {
  const grid = buildJournalGrid(journal(), '2026-11-25');

  it('orders lessons by date and slot, leaving out empty cancelled lessons', () => {
    expect(grid.columns.map((c) => `${c.label}${c.ofDay ? `#${c.ofDay}` : ''}`)).toEqual(['10.11', '12.11#1', '12.11#2', '20.12']);
    expect(grid.latestIndex).toBe(2);
    // An unfilled lesson does not move the view past the latest one held.
    expect(buildJournalGrid(journal(), '2026-12-21').latestIndex).toBe(2);
  });
  it('marks control works, distance lessons and substitutions', () => {
    const [, control, substituted, planned] = grid.columns;
    expect(control).toMatchObject({ control: true, distance: true, substituted: false });
    expect(control?.spoken).toBe('12.11, 1-й урок дня, контрольная работа, дистанционно');
    expect(control?.title).toContain('Тема: Контрольная работа');
    expect(control?.title).toContain('Контрольная работа: Дроби');
    expect(substituted).toMatchObject({ substituted: true, control: false });
    expect(planned?.planned).toBe(true);
    expect(planned?.title).toContain('Урок ещё не проведён');
    const unfilled = buildJournalGrid(journal(), '2026-12-21').columns.at(-1);
    expect(unfilled?.title).toContain('Тема не записана');
  });
  it('sorts students by name and fills cells with marks in the order set', () => {
    expect(grid.rows.map((r) => `${r.number}. ${r.name}`)).toEqual(['1. Андреева Анна', '2. Яковлев Борис']);
    const boris = grid.rows[1];
    expect(boris?.cells[1]?.marks.map((m) => m.text)).toEqual(['5/4', '3']);
    expect(boris?.cells[1]?.marks[1]).toMatchObject({ control: true, title: 'Контрольная работа · вес 2' });
    // (5 + 5 + 4 + 3·2) / 5
    expect(boris?.average).toBe(4);
  });
  it('shows attendance and the days before a student joined', () => {
    const anna = grid.rows[0];
    expect(anna?.note).toBe('прибыл 11.11');
    expect(anna?.cells[0]?.outside).toBe(true);
    expect(anna?.cells[2]?.attendance).toEqual({ code: 'Н', name: 'отсутствовал без уважительной причины' });
    expect(anna?.average).toBe(4);
  });
  it('keeps a cancelled lesson that has entries', () => {
    const withEntry = journal();
    const cancelled = withEntry.lessons.find((l) => l.status === 'cancelled');
    withEntry.attendance.push({ lessonId: cancelled?.id ?? '', studentId: 'person-B', code: 'Б', version: 1, setBy: 'p', setAt: 'x', date: '2026-11-13', slot: 1, subjectId: 'subject-M' });
    expect(buildJournalGrid(withEntry, '2026-11-25').columns.some((c) => c.cancelled)).toBe(true);
  });
});

describe('the grid\'s average is the shared rule\'s (shared/domain/rules/average.ts)', () => {
  const independent: WorkTypeRef = { id: 'independent', name: 'Самостоятельная работа', shortName: 'С/р', weight: 1.5, isControl: false, requiresWorkTopic: false, isCheck: true, archived: false };
  type MarkSpec = { values: string[]; workTypeId: string; weight?: number };

  /** Борис's average in a journal where these are his only marks (all on the first lesson). */
  function averageOf(specs: MarkSpec[]): { shown: number | null; text: string } {
    const base = journal({ workTypes: [...workTypes, independent] });
    const lessonId = base.lessons.find((l) => l.date === '2026-11-10')?.id ?? '';
    const marks = specs.map((spec, i) => ({
      id: `mark-${i}`,
      lessonId,
      studentId: 'person-B',
      values: spec.values as ClassJournal['marks'][number]['values'],
      workTypeId: spec.workTypeId,
      ...(spec.weight !== undefined ? { weight: spec.weight } : {}),
      version: 1,
      setBy: 'person-T',
      setAt: `2026-11-10T08:0${i}:00.000Z`,
      date: '2026-11-10',
      slot: 2,
      subjectId: 'subject-M',
    }));
    const row = buildJournalGrid({ ...base, marks }, '2026-11-25').rows.find((r) => r.studentId === 'person-B');
    const shown = row?.average ?? null;
    // The same figure as the shared rule gives for the same marks, rounded as shown.
    const rule = weightedAverage(marks, base.workTypes);
    expect(shown).toBe(rule === null ? null : roundAverage(rule));
    return { shown, text: formatAverage(shown) };
  }

  it('weighs by work type, counts both values of 5/4, skips non-numeric marks', () => {
    // (5·1 + 3·2 + 5·1 + 4·1) / (1 + 2 + 1 + 1) = 20 / 5
    const marks = [
      { values: ['5'], workTypeId: 'answer' },
      { values: ['3'], workTypeId: 'control' },
      { values: ['5', '4'], workTypeId: 'answer' },
      { values: ['ОСВ'], workTypeId: 'answer' },
    ];
    expect(averageOf(marks)).toEqual({ shown: 4, text: '4,00' });
  });
  it('takes a fractional work-type weight, a per-mark weight first, and 1 for an unknown work type', () => {
    // (5·1.5 + 4·1) / (1.5 + 1) = 11.5 / 2.5
    expect(averageOf([{ values: ['5'], workTypeId: 'independent' }, { values: ['4'], workTypeId: 'answer' }])).toEqual({ shown: 4.6, text: '4,60' });
    // (5·3 + 3·1) / (3 + 1) = 18 / 4: the mark's own weight 3 beats the control work's 2
    expect(averageOf([{ values: ['5'], workTypeId: 'control', weight: 3 }, { values: ['3'], workTypeId: 'unknown' }])).toEqual({ shown: 4.5, text: '4,50' });
  });
  it('shows two decimals: 13/3 as 4,33, 23/6 as 3,83', () => {
    expect(averageOf([{ values: ['5'], workTypeId: 'answer' }, { values: ['4'], workTypeId: 'answer' }, { values: ['4'], workTypeId: 'answer' }])).toEqual({ shown: 4.33, text: '4,33' });
    // (5·2 + 4 + 3 + 3 + 3) / (2 + 1 + 1 + 1 + 1) = 23 / 6 = 3.833…
    expect(
      averageOf([
        { values: ['5'], workTypeId: 'control' },
        { values: ['4'], workTypeId: 'answer' },
        { values: ['3'], workTypeId: 'answer' },
        { values: ['3'], workTypeId: 'answer' },
        { values: ['3'], workTypeId: 'answer' },
      ]),
    ).toEqual({ shown: 3.83, text: '3,83' });
  });
  it('has no average without numeric marks', () => {
    expect(averageOf([{ values: ['ЗЧ'], workTypeId: 'answer' }])).toEqual({ shown: null, text: '—' });
    expect(averageOf([])).toEqual({ shown: null, text: '—' });
  });
});

describe('titles', () => {
  it('names a journal with its class, subgroup, subject and period', () => {
    expect(journalTitle(journal())).toBe('5А · Математика · 2 четверть');
    expect(journalTitle({ className: '7Б', groupName: '7Б, группа 1', subjectName: 'Английский язык' })).toBe('7Б (7Б, группа 1) · Английский язык');
    expect(classNameOf('c-2026-05-А')).toBe('5А');
    expect(classNameOf('c-2026-11-Б')).toBe('11Б');
  });
});

describe('journal link text', () => {
  it('keeps the subgroup number, not the subject repeated', () => {
    expect(journalLinkText({ className: '5А', groupName: 'Англ. яз., гр. 2', subjectName: 'Иностранный язык (английский)' })).toBe(
      'Иностранный язык (английский), гр. 2',
    );
    expect(journalLinkText({ className: '5А', groupName: 'Девочки', subjectName: 'Труд (технология)' })).toBe('Труд (технология), Девочки');
    expect(journalLinkText({ className: '5А', groupName: '5А', subjectName: 'История' })).toBe('История');
  });
});

describe('journal list', () => {
  const ref = (className: string, grade: number, subjectName: string, relation: JournalRef['relation'], groupName = className): JournalRef => ({
    groupId: `c-2026-${String(grade).padStart(2, '0')}-${className.slice(-1)}`,
    groupName,
    classId: `c-2026-${String(grade).padStart(2, '0')}-${className.slice(-1)}`,
    className,
    grade,
    subjectId: `subject-${subjectName}`,
    subjectName,
    relation,
  });
  const journals = [
    ref('5А', 5, 'Математика', 'teaches'),
    ref('6Б', 6, 'Математика', 'teaches'),
    ref('5А', 5, 'Русский язык', 'class-teacher'),
    ref('5А', 5, 'Английский язык', 'class-teacher', 'группа 1'),
    ref('10А', 10, 'Физика', 'oversees'),
  ];

  it('gives a teacher their journals and their class, not the ones they merely oversee', () => {
    const sections = groupJournals(journals, false);
    expect(sections.map((s) => s.title)).toEqual(['Мои журналы', 'Мой класс — 5А']);
    expect(sections[1]?.classes[0]?.journals.map(journalLinkText)).toEqual(['Английский язык, группа 1', 'Математика', 'Русский язык']);
  });
  it('gives the administration every journal by class, grades in order', () => {
    const all = groupJournals(journals, true).find((s) => s.key === 'all');
    expect(all?.classes.map((c) => c.className)).toEqual(['5А', '6Б', '10А']);
    expect(all?.classes[0]?.journals).toHaveLength(3);
  });
  it('is empty without journals', () => {
    expect(groupJournals([], true)).toEqual([]);
  });
});

describe('substitutions (п. 5.3)', () => {
  const sub = (date: string, slot: number, extra: Partial<SubstitutionRef> = {}): SubstitutionRef => ({
    lessonId: `sg-1.subject-E.${date}.${slot}`,
    date,
    slot,
    classId: 'c-2026-09-Б',
    groupName: 'Англ. яз., гр. 1',
    subjectName: 'Иностранный язык (английский)',
    status: 'planned',
    ...extra,
  });

  it('lists them by date and slot, with the day in Russian, the class, the subgroup and the state', () => {
    const items = substitutionItems(
      [sub('2026-12-08', 2), sub('2026-11-24', 3, { status: 'conducted' }), sub('2026-11-24', 1, { classId: 'c-2026-05-А', groupName: '5А', subjectName: 'Русский язык', status: 'conducted' }), sub('2026-12-01', 4), sub('2026-12-02', 5, { status: 'cancelled' }), sub('2026-12-02', 6)],
      '2026-12-02',
    );
    expect(items.map((i) => `${i.day} · ${i.slot} · ${i.title} · ${i.state.text}`)).toEqual([
      'Вторник, 24 ноября · 1-й урок · 5А · Русский язык · проведён',
      'Вторник, 24 ноября · 3-й урок · 9Б · Иностранный язык (английский), гр. 1 · проведён',
      'Вторник, 1 декабря · 4-й урок · 9Б · Иностранный язык (английский), гр. 1 · тема не записана',
      'Среда, 2 декабря · 5-й урок · 9Б · Иностранный язык (английский), гр. 1 · отменён',
      'Среда, 2 декабря · 6-й урок · 9Б · Иностранный язык (английский), гр. 1 · сегодня',
      'Вторник, 8 декабря · 2-й урок · 9Б · Иностранный язык (английский), гр. 1 · предстоит',
    ]);
    // A lesson id holds the class's Cyrillic letter when it is a class's lesson: percent-encoded.
    expect(items[0]?.href).toBe('#/lesson/sg-1.subject-E.2026-11-24.1');
    expect(substitutionItems([sub('2026-11-24', 1, { lessonId: 'c-2026-05-А.s.2026-11-24.1' })], '2026-12-02')[0]?.href).toBe(
      '#/lesson/c-2026-05-%D0%90.s.2026-11-24.1',
    );
    expect(substitutionItems([], '2026-12-02')).toEqual([]);
  });
  it('tells a past lesson not filled in from one still ahead', () => {
    expect(lessonState({ status: 'planned', date: '2026-12-01' }, '2026-12-02').kind).toBe('unfilled');
    expect(lessonState({ status: 'planned', date: '2026-12-02' }, '2026-12-02').kind).toBe('today');
    expect(lessonState({ status: 'planned', date: '2026-12-03' }, '2026-12-02').kind).toBe('upcoming');
    expect(lessonState({ status: 'conducted', date: '2026-12-03' }, '2026-12-02').kind).toBe('conducted');
  });
  it('names a class lesson and a subgroup lesson', () => {
    expect(lessonGroupTitle({ className: '5А', groupName: '5А', subjectName: 'Математика' })).toBe('5А · Математика');
    expect(lessonGroupTitle({ className: '9Б', groupName: 'Англ. яз., гр. 2', subjectName: 'Иностранный язык (английский)' })).toBe(
      '9Б · Иностранный язык (английский), гр. 2',
    );
  });
});

describe('one lesson', () => {
  const base = journal();
  const lesson = base.lessons.find((l) => l.date === '2026-11-12' && l.slot === 1);
  if (!lesson) throw new Error('fixture');
  const sheet = (overrides: Partial<LessonSheet> = {}): LessonSheet => ({
    lesson: { ...lesson, substituteTeacherId: 'person-S', homework: { text: '№ 245, 247', dueDate: '2026-11-16' } },
    classId: base.classId,
    className: base.className,
    groupId: base.groupId,
    groupName: base.groupName,
    subjectName: base.subjectName,
    grade: 5,
    marksAllowed: true,
    students: base.students,
    // Another lesson's mark and attendance are not this lesson's.
    marks: base.marks,
    attendance: [
      ...base.attendance,
      { lessonId: lesson.id, studentId: 'person-A', code: 'ОП', version: 1, setBy: 'person-S', setAt: '2026-11-12T08:40:00.000Z', date: '2026-11-12', slot: 1, subjectId: 'subject-M' },
    ],
    workTypes,
    keptByCaller: true,
    today: '2026-11-25',
    fillDeadlineDays: 2,
    ...overrides,
  });

  it('gives the heading, the facts and who keeps it', () => {
    const facts = lessonFacts(sheet(), '2026-11-25');
    expect(facts).toMatchObject({
      title: '5А · Математика',
      when: 'Четверг, 12 ноября 2026 · 1-й урок',
      state: { kind: 'conducted', text: 'проведён' },
      substituted: true,
      distance: true,
      topic: 'Контрольная работа',
      work: { name: 'Контрольная работа', topic: 'Дроби', control: true },
      homework: { text: '№ 245, 247', due: 'к 16 ноября' },
      keeper: 'substitute',
    });
    expect(lessonFacts(sheet({ keptByCaller: false }), '2026-11-25').keeper).toBeNull();
    const own = sheet();
    own.lesson = { ...own.lesson, substituteTeacherId: undefined };
    expect(lessonFacts(own, '2026-11-25').keeper).toBe('teacher');
  });
  it('lists the students by name with this lesson’s attendance and marks: values, work type, comment', () => {
    const withComment = sheet();
    withComment.marks = withComment.marks.map((m) => (m.studentId === 'person-A' && m.lessonId === lesson.id ? { ...m, comment: 'решила у доски' } : m));
    const rows = buildLessonRows(withComment);
    expect(rows.map((r) => `${r.number}. ${r.name}`)).toEqual(['1. Андреева Анна', '2. Яковлев Борис']);
    expect(rows[0]?.attendance).toEqual({ code: 'ОП', name: 'опоздал' });
    expect(rows[0]?.marks).toEqual([
      { markId: expect.any(String), text: '4', workTypeName: 'Контрольная работа', comment: 'решила у доски', control: true },
    ]);
    // In the order set: the answer at 08:00, the control work at 09:00; nothing of the lesson of 10.11.
    expect(rows[1]?.marks.map((m) => `${m.text} ${m.workTypeName}`)).toEqual(['5/4 Ответ на уроке', '3 Контрольная работа']);
    expect(rows[1]?.attendance).toBeUndefined();
  });
});
