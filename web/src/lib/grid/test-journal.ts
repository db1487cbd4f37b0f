/**
 * Journals for the grid's tests (unit, and the browser's speed check): a class of `students`
 * with `lessons` held on school days up to `today`, some marks and absences. Deterministic.
 * Only tests import it.
 */
import { addDays } from '../dates.ts';
import type { ClassJournal, WorkTypeRef } from '../journal.ts';

export const testWorkTypes: WorkTypeRef[] = [
  { id: 'answer', name: 'Ответ на уроке', shortName: 'Отв', weight: 1, isControl: false, requiresWorkTopic: false, isCheck: false, archived: false },
  { id: 'independent', name: 'Самостоятельная работа', shortName: 'С/р', weight: 1.5, isControl: false, requiresWorkTopic: false, isCheck: true, archived: false },
  { id: 'control', name: 'Контрольная работа', shortName: 'К/р', weight: 2, isControl: true, requiresWorkTopic: true, isCheck: false, archived: false },
];

export const testAttendanceCodes: ClassJournal['attendanceCodes'] = [
  { code: 'Н', name: 'Отсутствовал без уважительной причины', countsAsAbsence: true, excused: false, archived: false },
  { code: 'УП', name: 'Отсутствовал по уважительной причине', countsAsAbsence: true, excused: true, archived: false },
  { code: 'Б', name: 'Отсутствовал по болезни', countsAsAbsence: true, excused: true, archived: false },
  { code: 'ОП', name: 'Опоздал', countsAsAbsence: false, excused: false, archived: false },
];

const SURNAMES = ['Андреев', 'Белов', 'Васильев', 'Григорьев', 'Дмитриев', 'Егоров', 'Жуков', 'Зайцев', 'Иванов', 'Козлов', 'Лебедев', 'Морозов'];
const NAMES = ['Антон', 'Борис', 'Виктор', 'Глеб', 'Денис', 'Егор', 'Иван'];

export function testJournal(options: { students?: number; lessons?: number; today?: string; grade?: number; kept?: boolean } = {}): ClassJournal {
  const studentCount = options.students ?? 3;
  const lessonCount = options.lessons ?? 4;
  const today = options.today ?? '2026-12-04';
  const grade = options.grade ?? 5;
  const classId = `c-2026-${String(grade).padStart(2, '0')}-А`;
  const lessons: ClassJournal['lessons'] = [];
  // Five lessons a week, Monday to Friday, ending on `today` (the last one today).
  let date = today;
  while (lessons.length < lessonCount) {
    const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
    if (weekday !== 0 && weekday !== 6) {
      lessons.unshift({
        id: `${classId}.subject-M.${date}.2`,
        academicYearId: '2026-2027',
        date,
        slot: 2,
        classId,
        subjectId: 'subject-M',
        teacherId: 'person-T',
        isDistance: false,
        materials: [],
        status: date < today ? 'conducted' : 'planned',
        topic: date < today ? `Тема ${lessons.length + 1}` : undefined,
        version: 1,
      } as ClassJournal['lessons'][number]);
    }
    date = addDays(date, -1);
  }
  const students: ClassJournal['students'] = Array.from({ length: studentCount }, (_, i) => ({
    studentId: `person-S${String(i + 1).padStart(2, '0')}`,
    name: `${SURNAMES[i % SURNAMES.length]} ${NAMES[i % NAMES.length]} ${i + 1}`,
    from: '2026-09-01',
  }));
  const marks: ClassJournal['marks'] = [];
  const attendance: ClassJournal['attendance'] = [];
  if (grade > 1) {
    lessons.forEach((l, c) => {
      students.forEach((s, r) => {
        if ((r * 7 + c * 3) % 4 !== 0 || l.date >= today) return;
        marks.push({
          id: `mark-${c}-${r}`,
          lessonId: l.id,
          studentId: s.studentId,
          values: [String(((r + c) % 4) + 2)] as ClassJournal['marks'][number]['values'],
          workTypeId: c % 5 === 4 ? 'control' : 'answer',
          version: 1,
          setBy: 'person-T',
          setAt: `${l.date}T08:00:00.000Z`,
          date: l.date,
          slot: l.slot,
          subjectId: 'subject-M',
        });
      });
    });
  }
  lessons.forEach((l, c) => {
    students.forEach((s, r) => {
      if ((r + c) % 11 !== 5 || l.date >= today) return;
      attendance.push({ lessonId: l.id, studentId: s.studentId, code: 'Н', version: 1, setBy: 'person-T', setAt: `${l.date}T08:00:00.000Z`, date: l.date, slot: 2, subjectId: 'subject-M' });
    });
  });
  return {
    classId,
    className: `${grade}А`,
    groupId: classId,
    groupName: `${grade}А`,
    subjectId: 'subject-M',
    subjectName: 'Математика',
    grade,
    marksAllowed: grade > 1,
    period: { id: '2026-2027-q2', name: '2 четверть', startDate: '2026-11-05', endDate: '2026-12-28' },
    students,
    lessons,
    marks,
    attendance,
    finalMarks: [],
    workTypes: testWorkTypes,
    attendanceCodes: testAttendanceCodes,
    state: { closed: false, version: 0 },
    keptLessonIds: options.kept === false ? [] : lessons.map((l) => l.id),
    lockedLessons: [],
    settings: { fillDeadlineDays: 2, roundingThreshold: 0.5 },
    today,
  };
}

/**
 * A generated journal standing in for a real one (the browser's speed check and the benchmark
 * answer the page's request with it): the real journal's class, group and subject, its lessons at
 * a slot no real lesson has (9), every lesson kept by the teacher.
 */
export function testJournalAs(synthetic: ClassJournal, real: Pick<ClassJournal, 'classId' | 'groupId' | 'subjectId'>): ClassJournal {
  const idOf = (id: string) => `${real.classId}.${real.subjectId}.${id.split('.')[2] ?? ''}.9`;
  return {
    ...synthetic,
    classId: real.classId,
    groupId: real.groupId,
    subjectId: real.subjectId,
    lessons: synthetic.lessons.map((l) => ({ ...l, id: idOf(l.id), slot: 9, classId: real.classId, subjectId: real.subjectId })),
    marks: synthetic.marks.map((m) => ({ ...m, lessonId: idOf(m.lessonId), slot: 9, subjectId: real.subjectId })),
    attendance: synthetic.attendance.map((a) => ({ ...a, lessonId: idOf(a.lessonId), slot: 9, subjectId: real.subjectId })),
    keptLessonIds: synthetic.lessons.map((l) => idOf(l.id)),
  };
}
