/**
 * The demo school, generated deterministically: the same seed and "today" give the same
 * records, byte for byte (seeded PRNG streams, ids from those streams with times derived from
 * the calendar, never the clock). `generateDemoSchool` returns the domain records and the
 * table items; nothing here touches the database.
 */
import { addDays, startOfDay, weekdayOf, type IsoDate } from '#shared/domain/dates.ts';
import type { CurriculumLine } from '#shared/domain/curriculum.ts';
import type { FinalMark } from '#shared/domain/final-mark.ts';
import type { Subject } from '#shared/domain/subject.ts';
import type { TimetableSlot } from '#shared/domain/timetable.ts';
import type { StoredItem } from '#functions/data/query.ts';
import { buildCalendar, mondayOf, type SchoolCalendar } from './calendar.ts';
import { buildDayAbsences } from './attendance.ts';
import { buildChanges, type Changes } from './changes.ts';
import { buildClasses } from './classes.ts';
import { CURRICULUM, SUBJECTS, weeksFor, type SubjectKey } from './curriculum.ts';
import { buildFinalMarks } from './finals.ts';
import { schoolItems } from './items.ts';
import type { DemoSchool } from './demo-school.ts';
import { generateJournal, type AttendanceRecord, type LessonRecord, type MarkForFinal, type MarkRecord } from './lessons.ts';
import { IdMaker, type ClassInfo, type Journal, type People, type Staff } from './model.ts';
import { journalKey, occurrencesOf, type Occurrence } from './occurrences.ts';
import { buildPlan, type JournalPlan } from './plans.ts';
import { chooseProblems, type Problems } from './problems.ts';
import { Random } from './random.ts';
import { buildStaff } from './staff.ts';
import { buildPeople } from './students.ts';
import { buildTimetable } from './timetable.ts';

export const DEFAULT_SEED = 'klassny-demo-school';

export type GenerateOptions = {
  /** The school's "today" (its local date); the journal runs up to the day before. */
  today: IsoDate;
  seed?: string;
  timeZone?: string;
};

export type { DemoSchool } from './demo-school.ts';

export function generateDemoSchool(options: GenerateOptions): DemoSchool {
  const { today } = options;
  const seed = options.seed ?? DEFAULT_SEED;
  const timeZone = options.timeZone ?? 'Europe/Moscow';
  const rng = new Random(seed);
  const calendar = buildCalendar(today);
  const academicYearId = calendar.year.id;
  const startYear = Number(academicYearId.slice(0, 4));
  const baseTime = Date.UTC(startYear, 7, 20);
  const ids = new IdMaker(rng.fork('ids:structure'), baseTime);

  const subjects: Subject[] = SUBJECTS.map((d) => ({
    id: ids.next('subject'),
    name: d.name,
    shortName: d.shortName,
    isPhysicalEducation: d.isPhysicalEducation ?? false,
    isForeignLanguage: d.isForeignLanguage ?? false,
    grading: d.grading ?? 'marks',
    archived: false,
  }));
  const subjectIds = Object.fromEntries(SUBJECTS.map((d, i) => [d.key, subjects[i]!.id])) as Record<SubjectKey, string>;
  const subjectKeyOf = new Map(SUBJECTS.map((d, i) => [subjects[i]!.id, d.key]));
  const bellsId = ids.next('bellSchedule');

  const curriculum: CurriculumLine[] = [];
  for (let grade = 1; grade <= 11; grade++) {
    for (const [key, hours] of CURRICULUM[grade]!) {
      curriculum.push({ id: ids.next('curriculumLine'), academicYearId, grade, subjectId: subjectIds[key], hoursPerWeek: hours, hoursPerYear: hours * weeksFor(grade), part: 'mandatory' });
    }
  }

  const classes = buildClasses(academicYearId, ids, subjectIds);
  const staff = buildStaff(rng.fork('staff'), new IdMaker(rng.fork('ids:staff'), baseTime + 10_000), classes, subjectIds, academicYearId, calendar.year.startDate);
  const people = buildPeople(rng.fork('people'), new IdMaker(rng.fork('ids:people'), baseTime + 20_000), classes, calendar, today);
  const classById = new Map(classes.map((c) => [c.cls.id, c]));

  const journals: Journal[] = staff.assignments.map((a) => {
    const grade = classById.get(a.classId)!.grade;
    return {
      groupId: a.subgroupId ?? a.classId,
      classId: a.classId,
      ...(a.subgroupId ? { subgroupId: a.subgroupId } : {}),
      grade,
      subject: subjectKeyOf.get(a.subjectId)!,
      subjectId: a.subjectId,
      teacherId: a.teacherId,
      hoursPerWeek: a.hoursPerWeek!,
      hoursPerYear: a.hoursPerWeek! * weeksFor(grade),
    };
  });

  // The weekly timetable.
  const events = buildTimetable(rng.fork('timetable'), classes, journals);
  const roomOf = new Map(staff.teachers.map((t) => [t.person.id, t.room]));
  const ttIds = new IdMaker(rng.fork('ids:timetable'), baseTime + 30_000);
  const timetable: TimetableSlot[] = [];
  const slotsByJournal = new Map<string, TimetableSlot[]>();
  for (const e of events) {
    for (const j of e.journals) {
      const slot: TimetableSlot = {
        id: ttIds.next('timetableSlot'),
        academicYearId,
        weekday: e.weekday,
        slot: e.slot,
        classId: j.classId,
        ...(j.subgroupId ? { subgroupId: j.subgroupId } : {}),
        subjectId: j.subjectId,
        teacherId: j.teacherId,
        room: roomOf.get(j.teacherId)!,
        validFrom: calendar.year.startDate,
      };
      timetable.push(slot);
      const k = journalKey(j);
      slotsByJournal.set(k, [...(slotsByJournal.get(k) ?? []), slot]);
    }
  }
  timetable.sort((a, b) => a.classId.localeCompare(b.classId) || a.weekday - b.weekday || a.slot - b.slot || (a.subgroupId ?? '').localeCompare(b.subgroupId ?? ''));

  // Lessons over the year by the timetable; thematic plans with planned dates.
  const occurrences = new Map<string, Occurrence[]>();
  const plans = new Map<string, JournalPlan>();
  const planIds = new IdMaker(rng.fork('ids:plans'), baseTime + 40_000);
  for (const j of journals) {
    const k = journalKey(j);
    const occ = occurrencesOf(j, slotsByJournal.get(k) ?? [], calendar);
    occurrences.set(k, occ);
    plans.set(k, buildPlan(rng.fork(`plan:${k}`), planIds, j, academicYearId, occ.map((o) => o.date)));
  }

  const dayStarts = new Map<IsoDate, number>();
  const atMs = (date: IsoDate, minutes: number) => {
    let start = dayStarts.get(date);
    if (start === undefined) dayStarts.set(date, (start = startOfDay(date, timeZone)));
    return start + minutes * 60_000;
  };
  const at = (date: IsoDate, time: string) => new Date(atMs(date, Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5)))).toISOString();
  const nowMs = startOfDay(today, timeZone);
  const weekOf = weekdayOf(today) <= 5 ? mondayOf(today) : addDays(mondayOf(today), 7);
  const horizon = [addDays(weekOf, 4), calendar.year.endDate].sort()[0]!;

  const changes = buildChanges({
    rng: rng.fork('changes'),
    ids: new IdMaker(rng.fork('ids:changes'), baseTime + 50_000),
    calendar,
    today,
    at,
    staff,
    classes,
    journals,
    events,
    occurrences,
  });
  const problems = chooseProblems(rng.fork('problems'), today, calendar.year.endDate, staff, journals, occurrences);
  problems.laggingJournal = changes.laggingJournal;
  const dayAbsences = buildDayAbsences(rng.fork('absences'), people.students, calendar, today);
  const habit = new Map<string, number>();
  const sameDayShare = (teacherId: string) => {
    let share = habit.get(teacherId);
    if (share === undefined) habit.set(teacherId, (share = 0.55 + 0.35 * rng.fork(`habit:${teacherId}`).next()));
    return share;
  };

  const marksForFinals = new Map<string, MarkForFinal[]>();
  const lessonContext = {
    rng: rng.fork('lessons'),
    academicYearId,
    timeZone,
    today,
    nowMs,
    horizon,
    atMs,
    classes: classById,
    dayAbsences,
    changes,
    problems,
    sameDayShare,
    marksForFinals,
  };
  const lessons: LessonRecord[] = [];
  const marks: MarkRecord[] = [];
  const attendance: AttendanceRecord[] = [];
  for (const j of journals) {
    const k = journalKey(j);
    const out = generateJournal(lessonContext, j, plans.get(k)!, occurrences.get(k)!);
    lessons.push(...out.lessons);
    marks.push(...out.marks);
    attendance.push(...out.attendance);
  }
  const finalMarks = buildFinalMarks(rng.fork('finals'), today, calendar.periods, classes, journals, marksForFinals, atMs);

  return {
    today,
    seed,
    calendar,
    subjects,
    subjectKeyOf,
    classes,
    staff,
    people,
    curriculum,
    journals,
    plans,
    timetable,
    changes,
    problems,
    lessons,
    marks,
    attendance,
    finalMarks,
    bellsId,
    demoPersons: {
      director: staff.director.id,
      coordinator: staff.coordinator.person.id,
      operator: staff.operator.id,
      teacher: staff.demoTeacher.person.id,
      parent: people.demoParent.person.id,
      student: people.demoStudent.person.id,
      newcomer: staff.newcomer.person.id,
    },
  };
}

export type ItemCounts = Record<string, number>;

export function countItems(items: Iterable<StoredItem>): ItemCounts {
  const counts: ItemCounts = {};
  for (const item of items) counts[String(item.type)] = (counts[String(item.type)] ?? 0) + 1;
  return counts;
}

export { schoolItems };

