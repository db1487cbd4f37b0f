/**
 * Pure helpers of the journal, diary and marks pages: API types, periods, the grid of a class
 * journal, the grouping of the journal list. API types come from shared/api as types only; the
 * weighted average and a mark's weight are the regulation's own rule from shared/domain, the
 * same code the API and the final marks use (never a copy here).
 */
import type { z } from 'zod';
import type {
  childSchema,
  classJournalSchema,
  diaryLessonSchema,
  journalRefSchema,
  lessonSheetSchema,
  studentDiarySchema,
  studentMarksSchema,
  substitutionRefSchema,
} from '#shared/api/journal.ts';
import { markWeight, roundAverage, weightedAverage } from '#shared/domain/rules/average.ts';
import { parseStudyPeriodId, studyPeriodIdOf, studyPeriodKindInfo, studyPeriodName } from '#shared/domain/study-period-ids.ts';
import { formatDayHeading, formatDayMonth, formatDayMonthText, formatShortDate } from './dates.ts';

export type ClassJournal = z.output<typeof classJournalSchema>;
export type JournalLesson = ClassJournal['lessons'][number];
export type JournalMark = ClassJournal['marks'][number];
export type JournalStudent = ClassJournal['students'][number];
export type WorkTypeRef = ClassJournal['workTypes'][number];
export type JournalRef = z.output<typeof journalRefSchema>;
export type StudentDiary = z.output<typeof studentDiarySchema>;
export type DiaryLesson = z.output<typeof diaryLessonSchema>;
export type StudentMarks = z.output<typeof studentMarksSchema>;
export type SubjectMarks = StudentMarks['subjects'][number];
export type Child = z.output<typeof childSchema>;
export type SubstitutionRef = z.output<typeof substitutionRefSchema>;
/** `GET /api/me/journals`: the journals one may open and the lessons one substitutes (п. 5.3). */
export type MyJournals = { journals: JournalRef[]; substitutions: SubstitutionRef[] };
export type LessonSheet = z.output<typeof lessonSheetSchema>;

// ── paths ────────────────────────────────────────────────────────────────

/** The API path of a segment list; every id is percent-encoded (class ids hold Cyrillic letters). */
export function apiPath(segments: readonly string[], query: Record<string, string | undefined> = {}): string {
  const path = `/api/${segments.map((s) => encodeURIComponent(s)).join('/')}`;
  const params = Object.entries(query).filter((entry): entry is [string, string] => entry[1] !== undefined && entry[1] !== '');
  return params.length === 0 ? path : `${path}?${new URLSearchParams(params).toString()}`;
}

/** The hash route of a page: `#/journal/c-2026-05-%D0%90/subject-…`. */
export function routeHref(...segments: (string | undefined)[]): string {
  return `#/${segments
    .filter((s): s is string => s !== undefined && s !== '')
    .map((s) => encodeURIComponent(s))
    .join('/')}`;
}

// ── study periods ────────────────────────────────────────────────────────

export function isPeriodId(value: string): boolean {
  return parseStudyPeriodId(value) !== undefined;
}

/** `2026-2027-q2` → `2 четверть`; `2026-2027-y` → `Год`. */
export function periodName(periodId: string): string {
  const p = parseStudyPeriodId(periodId);
  return p ? studyPeriodName(p.kind, p.number) : periodId;
}

export type PeriodOption = { id: string; name: string };

/**
 * The periods of the same kind in the same year as the one shown: quarters for a quarter,
 * half-years for a half-year … The current one keeps the name the API gave it.
 */
export function periodOptions(current: { id: string; name: string }): PeriodOption[] {
  const p = parseStudyPeriodId(current.id);
  if (!p || p.kind === 'year') return [{ id: current.id, name: current.name }];
  return Array.from({ length: studyPeriodKindInfo[p.kind].count }, (_, i) => {
    const id = studyPeriodIdOf(p.academicYearId, p.kind, i + 1);
    return { id, name: id === current.id ? current.name : studyPeriodName(p.kind, i + 1) };
  });
}

// ── marks and averages ───────────────────────────────────────────────────

/** `['5','4']` → `5/4`. */
export function formatMarkValues(values: readonly string[]): string {
  return values.join('/');
}

/** `4.333` → `4,33`; null → `—`. */
export function formatAverage(average: number | null): string {
  return average === null ? '—' : average.toFixed(2).replace('.', ',');
}

/** Meanings of the usual attendance codes (a school may add its own: those show as they are). */
export const ATTENDANCE_NAMES: Readonly<Record<string, string>> = {
  Н: 'отсутствовал без уважительной причины',
  УП: 'отсутствовал по уважительной причине',
  Б: 'отсутствовал по болезни',
  ОП: 'опоздал',
};

export function attendanceName(code: string): string {
  return ATTENDANCE_NAMES[code] ?? `посещаемость: ${code}`;
}

/** Names of the starting work types, for pages whose data carries only the id (the diary). */
const DEFAULT_WORK_TYPE_NAMES: Readonly<Record<string, string>> = {
  answer: 'Ответ на уроке',
  homework: 'Домашняя работа',
  independent: 'Самостоятельная работа',
  practical: 'Практическая работа',
  laboratory: 'Лабораторная работа',
  check: 'Проверочная работа',
  control: 'Контрольная работа',
  dictation: 'Диктант',
  essay: 'Сочинение',
  summary: 'Изложение',
  credit: 'Зачёт',
};

export function workTypeName(workTypeId: string, workTypes: readonly Pick<WorkTypeRef, 'id' | 'name'>[] = []): string | undefined {
  return workTypes.find((w) => w.id === workTypeId)?.name ?? DEFAULT_WORK_TYPE_NAMES[workTypeId];
}

// ── the class journal grid ───────────────────────────────────────────────

export type JournalColumn = {
  lessonId: string;
  date: string;
  slot: number;
  /** `05.11`. */
  label: string;
  /** 1-based among the shown lessons of the same date; 0 when it is the only one. */
  ofDay: number;
  control: boolean;
  distance: boolean;
  substituted: boolean;
  cancelled: boolean;
  planned: boolean;
  workTypeName?: string | undefined;
  /** For the header's title attribute: date, topic, work. */
  title: string;
  /** The header as a screen reader should say it. */
  spoken: string;
};

export type JournalCellMark = { text: string; title: string; control: boolean };
export type JournalCell = {
  marks: JournalCellMark[];
  attendance?: { code: string; name: string } | undefined;
  /** The student was not in the class (group) on that date. */
  outside: boolean;
};

export type JournalRow = {
  number: number;
  studentId: string;
  name: string;
  /** «прибыл 12.11», «выбыл 20.12» within the period. */
  note?: string | undefined;
  cells: JournalCell[];
  /** The weighted average of the shown lessons' marks (`weightedAverage`), rounded as shown (`roundAverage`). */
  average: number | null;
};

export type JournalGrid = { columns: JournalColumn[]; rows: JournalRow[]; latestIndex: number };

function byDateSlot(a: { date: string; slot: number }, b: { date: string; slot: number }): number {
  return a.date.localeCompare(b.date) || a.slot - b.slot;
}

/**
 * The grid's columns: the lessons by date and slot (cancelled ones only when something was
 * entered for them), each with its header texts.
 */
export function journalColumns(journal: ClassJournal, today: string): JournalColumn[] {
  const workTypes = journal.workTypes;
  const withEntries = new Set([...journal.marks.map((m) => m.lessonId), ...journal.attendance.map((a) => a.lessonId)]);
  const lessons = journal.lessons.filter((l) => l.status !== 'cancelled' || withEntries.has(l.id)).sort(byDateSlot);
  const perDate = new Map<string, number>();
  for (const l of lessons) perDate.set(l.date, (perDate.get(l.date) ?? 0) + 1);
  const seen = new Map<string, number>();

  return lessons.map((l): JournalColumn => {
    const index = (seen.get(l.date) ?? 0) + 1;
    seen.set(l.date, index);
    const ofDay = (perDate.get(l.date) ?? 1) > 1 ? index : 0;
    const workType = l.workTypeId ? workTypes.find((w) => w.id === l.workTypeId) : undefined;
    const control = workType?.isControl ?? false;
    const substituted = l.substituteTeacherId !== undefined;
    const flags = [
      control ? (workType?.name ?? 'контрольная работа').toLocaleLowerCase('ru') : null,
      l.isDistance ? 'дистанционно' : null,
      substituted ? 'замена' : null,
      l.status === 'cancelled' ? 'урок отменён' : null,
    ].filter((f): f is string => f !== null);
    const titleParts = [
      `${formatShortDate(l.date)}, ${l.slot}-й урок`,
      l.topic ? `Тема: ${l.topic}` : l.status !== 'planned' ? null : l.date < today ? 'Тема не записана' : 'Урок ещё не проведён',
      workType ? `${workType.name}${l.workTopic ? `: ${l.workTopic}` : ''}` : null,
      l.isDistance ? 'Дистанционно' : null,
      substituted ? 'Замена' : null,
      l.status === 'cancelled' ? 'Урок отменён' : null,
    ].filter((p): p is string => p !== null);
    return {
      lessonId: l.id,
      date: l.date,
      slot: l.slot,
      label: formatDayMonth(l.date),
      ofDay,
      control,
      distance: l.isDistance,
      substituted,
      cancelled: l.status === 'cancelled',
      planned: l.status === 'planned',
      workTypeName: workType?.name,
      title: titleParts.join('\n'),
      spoken: [`${formatDayMonth(l.date)}${ofDay ? `, ${ofDay}-й урок дня` : ''}`, ...flags].join(', '),
    };
  });
}

/** The class list in the period, by name, with «прибыл 12.11», «выбыл 20.12». */
export function journalStudents(journal: Pick<ClassJournal, 'students' | 'period'>): (JournalStudent & { note?: string | undefined; left: boolean })[] {
  return [...journal.students]
    .sort((a, b) => a.name.localeCompare(b.name, 'ru'))
    .map((s) => {
      const left = s.to !== undefined && s.to < journal.period.endDate;
      const notes = [s.from > journal.period.startDate ? `прибыл ${formatDayMonth(s.from)}` : null, left && s.to ? `выбыл ${formatDayMonth(s.to)}` : null].filter(
        (n): n is string => n !== null,
      );
      return { ...s, note: notes.length > 0 ? notes.join(', ') : undefined, left };
    });
}

/** The column to open the grid at: the latest lesson held (today's unfilled one does not count), else the latest one due. */
export function latestColumnIndex(columns: readonly Pick<JournalColumn, 'date' | 'planned'>[], today: string): number {
  let latestIndex = -1;
  let latestDue = -1;
  columns.forEach((c, i) => {
    if (c.date > today) return;
    latestDue = i;
    if (!c.planned) latestIndex = i;
  });
  return latestIndex < 0 ? latestDue : latestIndex;
}

/**
 * Rows = students, columns = lessons by date (cancelled lessons only when something was entered
 * for them), cells = marks and attendance, last the weighted average.
 */
export function buildJournalGrid(journal: ClassJournal, today: string): JournalGrid {
  const workTypes = journal.workTypes;
  const columns = journalColumns(journal, today);

  const marksByCell = new Map<string, JournalMark[]>();
  for (const m of [...journal.marks].sort((a, b) => a.setAt.localeCompare(b.setAt))) {
    const key = `${m.lessonId}\u0000${m.studentId}`;
    marksByCell.set(key, [...(marksByCell.get(key) ?? []), m]);
  }
  const attendanceByCell = new Map(journal.attendance.map((a) => [`${a.lessonId}\u0000${a.studentId}`, a.code]));
  const shownLessons = new Set(columns.map((c) => c.lessonId));

  const rows = journalStudents(journal).map((s, i): JournalRow => {
    const cells = columns.map((c): JournalCell => {
      const key = `${c.lessonId}\u0000${s.studentId}`;
      const code = attendanceByCell.get(key);
      return {
        marks: (marksByCell.get(key) ?? []).map((m) => {
          const workType = workTypes.find((w) => w.id === m.workTypeId);
          return {
            text: formatMarkValues(m.values),
            title: [workType?.name ?? m.workTypeId, `вес ${String(markWeight(m, workTypes)).replace('.', ',')}`, m.comment].filter(Boolean).join(' · '),
            control: workType?.isControl ?? false,
          };
        }),
        attendance: code ? { code, name: attendanceName(code) } : undefined,
        outside: c.date < s.from || (s.to !== undefined && c.date > s.to),
      };
    });
    const own = journal.marks.filter((m) => m.studentId === s.studentId && shownLessons.has(m.lessonId));
    const average = weightedAverage(own, workTypes);
    return {
      number: i + 1,
      studentId: s.studentId,
      name: s.name,
      note: s.note,
      cells,
      average: average === null ? null : roundAverage(average),
    };
  });

  return { columns, rows, latestIndex: latestColumnIndex(columns, today) };
}

/** «5А · Математика · 2 четверть»; a subgroup's name in brackets after the class. */
export function journalTitle(j: Pick<ClassJournal, 'className' | 'groupName' | 'subjectName'> & { period?: { name: string } }): string {
  const group = j.groupName && j.groupName !== j.className ? `${j.className} (${j.groupName})` : j.className;
  return [group, j.subjectName, j.period?.name].filter(Boolean).join(' · ');
}

/** The lessons for the «Темы и домашние задания» table, in date order, cancelled ones included. */
export function topicRows(journal: ClassJournal): JournalLesson[] {
  return [...journal.lessons].sort(byDateSlot);
}

// ── the journal list ─────────────────────────────────────────────────────

export type JournalClassGroup = { classId: string; className: string; grade: number; journals: JournalRef[] };
export type JournalListSection = {
  key: 'teaches' | 'class-teacher' | 'all';
  title: string;
  /** Labels show the class too (own journals) or only the subject (lists under a class heading). */
  classes: JournalClassGroup[];
};

function byClass(journals: readonly JournalRef[]): JournalClassGroup[] {
  const groups = new Map<string, JournalClassGroup>();
  for (const j of journals) {
    const group = groups.get(j.classId) ?? { classId: j.classId, className: j.className, grade: j.grade, journals: [] };
    group.journals.push(j);
    groups.set(j.classId, group);
  }
  const list = [...groups.values()].sort((a, b) => a.grade - b.grade || a.className.localeCompare(b.className, 'ru'));
  for (const g of list) {
    g.journals.sort((a, b) => a.subjectName.localeCompare(b.subjectName, 'ru') || a.groupName.localeCompare(b.groupName, 'ru'));
  }
  return list;
}

/**
 * «Мои журналы» (taught), «Мой класс» (class teacher: all its subjects); the administration also gets «Все
 * журналы», every journal by class. A teacher does not see journals they merely oversee.
 */
export function groupJournals(journals: readonly JournalRef[], administration: boolean): JournalListSection[] {
  const sections: JournalListSection[] = [];
  const teaches = journals.filter((j) => j.relation === 'teaches');
  // The class teacher's class, every subject — their own lessons there included.
  const ownClasses = new Set(journals.filter((j) => j.relation === 'class-teacher').map((j) => j.classId));
  const classTeacher = journals.filter((j) => ownClasses.has(j.classId));
  if (teaches.length > 0) sections.push({ key: 'teaches', title: 'Мои журналы', classes: byClass(teaches) });
  if (classTeacher.length > 0) {
    const classes = byClass(classTeacher);
    const names = classes.map((c) => c.className).join(', ');
    sections.push({ key: 'class-teacher', title: `Мой класс — ${names}`, classes });
  }
  if (administration && journals.length > 0) sections.push({ key: 'all', title: 'Все журналы', classes: byClass(journals) });
  return sections;
}

/**
 * A journal's link text under its class heading: the subject, and the subgroup if any — only
 * its number when the name repeats the subject («Англ. яз., гр. 1» → «гр. 1»).
 */
export function journalLinkText(j: Pick<JournalRef, 'groupName' | 'className' | 'subjectName'>): string {
  if (!j.groupName || j.groupName === j.className) return j.subjectName;
  const number = /(?:гр\.|группа)\s*\d+/i.exec(j.groupName)?.[0];
  return `${j.subjectName}, ${number ?? j.groupName}`;
}

/** `c-2026-05-А` → `5А` (the marks answer carries only the class id). */
export function classNameOf(classId: string): string {
  const m = /^c-\d{4}-(\d{2})-(.+)$/.exec(classId);
  return m ? `${Number(m[1])}${m[2]}` : classId;
}

// ── one lesson, and the lessons one substitutes (п. 5.3) ────────────────

/**
 * `5А · Математика`; a subgroup's lesson names the subgroup as the journal list does:
 * `9Б · Иностранный язык (английский), гр. 1`.
 */
export function lessonGroupTitle(j: Pick<JournalRef, 'className' | 'groupName' | 'subjectName'>): string {
  return `${j.className} · ${journalLinkText(j)}`;
}

/** `3` → `3-й урок` (the lesson's number in the day's timetable). */
export function slotText(slot: number): string {
  return `${slot}-й урок`;
}

/** `2026-11-24` → `Вторник, 24 ноября 2026`. */
export function lessonDayText(date: string): string {
  return `${formatDayHeading(date)} ${date.slice(0, 4)}`;
}

export type LessonStateKind = 'conducted' | 'cancelled' | 'unfilled' | 'today' | 'upcoming';
export type LessonState = { kind: LessonStateKind; text: string };

/**
 * What a lesson's status means on the day it is looked at: held (the journal filled in),
 * cancelled, past but not filled in yet (п. 5.2: within two days), today's, or still ahead.
 */
export function lessonState(lesson: { status: JournalLesson['status']; date: string }, today: string): LessonState {
  if (lesson.status === 'conducted') return { kind: 'conducted', text: 'проведён' };
  if (lesson.status === 'cancelled') return { kind: 'cancelled', text: 'отменён' };
  if (lesson.date < today) return { kind: 'unfilled', text: 'тема не записана' };
  if (lesson.date === today) return { kind: 'today', text: 'сегодня' };
  return { kind: 'upcoming', text: 'предстоит' };
}

export type SubstitutionItem = {
  lessonId: string;
  /** `#/lesson/<lessonId>`. */
  href: string;
  /** `Вторник, 24 ноября`. */
  day: string;
  /** `1-й урок`. */
  slot: string;
  /** `9Б · Иностранный язык (английский), гр. 1`. */
  title: string;
  state: LessonState;
};

/** The «Замены» list: the lessons one substitutes, in date and slot order. */
export function substitutionItems(substitutions: readonly SubstitutionRef[], today: string): SubstitutionItem[] {
  return [...substitutions].sort(byDateSlot).map((s) => ({
    lessonId: s.lessonId,
    href: routeHref('lesson', s.lessonId),
    day: formatDayHeading(s.date),
    slot: slotText(s.slot),
    title: lessonGroupTitle({ className: classNameOf(s.classId), groupName: s.groupName, subjectName: s.subjectName }),
    state: lessonState(s, today),
  }));
}

export type LessonFacts = {
  /** `9Б · Иностранный язык (английский), гр. 1`. */
  title: string;
  /** `Вторник, 24 ноября 2026 · 1-й урок`. */
  when: string;
  state: LessonState;
  substituted: boolean;
  distance: boolean;
  /** Why it was cancelled, if it was. */
  cancellationReason?: string | undefined;
  topic?: string | undefined;
  /** The work done at the lesson: `Контрольная работа: Дроби`. */
  work?: { name: string; topic?: string | undefined; control: boolean } | undefined;
  homework?: { text: string; due?: string | undefined } | undefined;
  /**
   * Whether the caller keeps this lesson (writes its marks): as its substitute (п. 5.3), as its
   * own teacher, or not at all (they only read it).
   */
  keeper: 'substitute' | 'teacher' | null;
};

/** The heading and the facts of one lesson's page. */
export function lessonFacts(sheet: LessonSheet, today: string): LessonFacts {
  const l = sheet.lesson;
  const workType = l.workTypeId ? sheet.workTypes.find((w) => w.id === l.workTypeId) : undefined;
  const workName = l.workTypeId ? (workType?.name ?? workTypeName(l.workTypeId)) : undefined;
  const substituted = l.substituteTeacherId !== undefined;
  return {
    title: lessonGroupTitle(sheet),
    when: `${lessonDayText(l.date)} · ${slotText(l.slot)}`,
    state: lessonState(l, today),
    substituted,
    distance: l.isDistance,
    cancellationReason: l.status === 'cancelled' ? l.cancellationReason : undefined,
    topic: l.topic,
    work: workName ? { name: workName, topic: l.workTopic, control: workType?.isControl ?? false } : undefined,
    homework: l.homework ? { text: l.homework.text, due: l.homework.dueDate ? `к ${formatDayMonthText(l.homework.dueDate)}` : undefined } : undefined,
    keeper: !sheet.keptByCaller ? null : substituted ? 'substitute' : 'teacher',
  };
}

export type LessonMarkView = {
  markId: string;
  /** `5/4`. */
  text: string;
  /** `Контрольная работа`. */
  workTypeName: string;
  comment?: string | undefined;
  control: boolean;
};

export type LessonRow = {
  number: number;
  studentId: string;
  name: string;
  attendance?: { code: string; name: string } | undefined;
  marks: LessonMarkView[];
};

/** One row per student of the lesson, by name: their attendance code and marks in the order set. */
export function buildLessonRows(sheet: LessonSheet): LessonRow[] {
  const lessonId = sheet.lesson.id;
  const marks = sheet.marks.filter((m) => m.lessonId === lessonId).sort((a, b) => a.setAt.localeCompare(b.setAt));
  const attendance = new Map(sheet.attendance.filter((a) => a.lessonId === lessonId).map((a) => [a.studentId, a.code]));
  return [...sheet.students]
    .sort((a, b) => a.name.localeCompare(b.name, 'ru'))
    .map((s, i) => {
      const code = attendance.get(s.studentId);
      return {
        number: i + 1,
        studentId: s.studentId,
        name: s.name,
        attendance: code ? { code, name: attendanceName(code) } : undefined,
        marks: marks
          .filter((m) => m.studentId === s.studentId)
          .map((m) => {
            const workType = sheet.workTypes.find((w) => w.id === m.workTypeId);
            return {
              markId: m.id,
              text: formatMarkValues(m.values),
              workTypeName: workType?.name ?? workTypeName(m.workTypeId) ?? m.workTypeId,
              comment: m.comment,
              control: workType?.isControl ?? false,
            };
          }),
      };
    });
}
