/**
 * The journal itself: lessons from 1 September up to yesterday by the timetable (no lessons in
 * holidays or on days off), each with the next КТП topic (and the work's own topic for control,
 * practical and laboratory works, п. 5.4), homework (due the journal's next lesson), status conducted and a fill time — mostly
 * the same day or the next (п. 5.2); attendance and marks for them; today's and the rest of the
 * week's lessons as planned, without a topic. Substitutes keep their lessons (п. 5.3); the
 * quarantined class has distance lessons with materials and an assignment (п. 5.7); grade 1
 * gets no marks (п. 5.6).
 */
import type { Attendance } from '#shared/domain/attendance.ts';
import { addDays, type IsoDate } from '#shared/domain/dates.ts';
import type { LessonCoordinates } from '#shared/domain/lesson-id.ts';
import type { Lesson } from '#shared/domain/lesson.ts';
import type { Mark, MarkValue } from '#shared/domain/mark.ts';
import { fillDeadline } from '#shared/domain/rules/fill-deadline.ts';
import type { Deadline } from '#shared/domain/rules/deadline.ts';
import { BELLS, minutesOf } from './calendar.ts';
import type { DayAbsence } from './attendance.ts';
import type { Changes } from './changes.ts';
import { subjectDef, type SubjectKey } from './curriculum.ts';
import { homeworkText } from './homework.ts';
import { creditMark, doubleMark, numericMark, peMark } from './marks.ts';
import { IdMaker, type ClassInfo, type Journal, type Student } from './model.ts';
import { journalKey, type Occurrence } from './occurrences.ts';
import type { JournalPlan, PlanHour } from './plans.ts';
import type { Problems } from './problems.ts';
import type { Random } from './random.ts';

export type LessonRecord = { lesson: Lesson; fillDeadline?: Deadline };
export type MarkRecord = { mark: Mark; coords: LessonCoordinates; classId: string };
export type AttendanceRecord = { attendance: Attendance; coords: LessonCoordinates; classId: string };
/** What the final marks need of a current mark. */
export type MarkForFinal = { date: IsoDate; values: MarkValue[]; workTypeId: string };

export type JournalOutput = {
  lessons: LessonRecord[];
  marks: MarkRecord[];
  attendance: AttendanceRecord[];
};

export type LessonContext = {
  rng: Random;
  academicYearId: string;
  timeZone: string;
  today: IsoDate;
  nowMs: number;
  /** The last date with (planned) lessons. */
  horizon: IsoDate;
  /** Local date and wall-clock minutes → epoch ms in the school's time zone. */
  atMs: (date: IsoDate, minutes: number) => number;
  classes: Map<string, ClassInfo>;
  dayAbsences: Map<string, Map<IsoDate, DayAbsence>>;
  changes: Changes;
  problems: Problems;
  /** Share of a teacher's lessons filled the same day. */
  sameDayShare: (teacherId: string) => number;
  /** studentId|subject → marks, for the final marks. */
  marksForFinals: Map<string, MarkForFinal[]>;
};

const CONTROL_KINDS = new Set(['control', 'dictation', 'essay', 'summary', 'credit']);
const NO_INDEPENDENT = new Set<SubjectKey>(['pe', 'art', 'music', 'tech', 'odnknr', 'orkse', 'project']);
const iso = (ms: number) => new Date(ms).toISOString();

/**
 * The homework's due date as the teacher's form sets it by default: the journal's next lesson on a
 * later day (AP22) — the diary shows it on that day («Задано на этот день»).
 */
function dueBy(occurrences: readonly Occurrence[], index: number): { dueDate?: IsoDate } {
  const date = occurrences[index]!.date;
  for (let i = index + 1; i < occurrences.length; i++) if (occurrences[i]!.date > date) return { dueDate: occurrences[i]!.date };
  return {};
}

/** Marks per student per week that a subject of these weekly hours gives in usual lessons. */
function marksPerStudentWeek(hours: number): number {
  return hours <= 1 ? 0.42 : hours === 2 ? 0.62 : hours === 3 ? 0.8 : hours === 4 ? 0.95 : 1.1;
}

export function generateJournal(ctx: LessonContext, journal: Journal, plan: JournalPlan, occurrences: Occurrence[]): JournalOutput {
  const key = journalKey(journal);
  const jr = ctx.rng.fork(`journal:${key}`);
  const markIds = new IdMaker(jr.fork('ids'), 0);
  const def = subjectDef(journal.subject);
  const info = ctx.classes.get(journal.classId)!;
  const members = journal.subgroupId
    ? info.students.filter((s) => s.subgroupBySubject[journal.subject] === journal.subgroupId)
    : info.students;
  const isLagging = ctx.changes.laggingJournal === key;
  const controlProblem = ctx.problems.controlWithoutMarks.journal === key ? ctx.problems.controlWithoutMarks : undefined;
  const usualTarget = (members.length * marksPerStudentWeek(journal.hoursPerWeek)) / journal.hoursPerWeek;
  const markCount = new Map<string, number>();
  const out: JournalOutput = { lessons: [], marks: [], attendance: [] };

  let k = 0; // next plan hour
  let reworkPending = false;
  for (const [index, occ] of occurrences.entries()) {
    if (occ.date > ctx.horizon) break;
    const change = ctx.changes.byLesson.get(occ.lessonId);
    const coords: LessonCoordinates = { groupId: journal.groupId, subjectId: journal.subjectId, date: occ.date, slot: occ.slot };
    const bell = BELLS.find((b) => b.number === occ.slot)!;
    const startMs = ctx.atMs(occ.date, minutesOf(bell.start));
    const endMs = ctx.atMs(occ.date, minutesOf(bell.end));
    const base: Lesson = {
      id: occ.lessonId,
      academicYearId: ctx.academicYearId,
      date: occ.date,
      slot: occ.slot,
      classId: journal.classId,
      ...(journal.subgroupId ? { subgroupId: journal.subgroupId } : {}),
      subjectId: journal.subjectId,
      teacherId: journal.teacherId,
      ...(change?.substituteTeacherId ? { substituteTeacherId: change.substituteTeacherId } : {}),
      timetableSlotId: occ.timetableSlot.id,
      ...(change?.distance ? { room: 'Дистанционно' } : occ.timetableSlot.room ? { room: occ.timetableSlot.room } : {}),
      isDistance: false,
      materials: [],
      status: 'planned',
      version: 1,
    };
    if (occ.date >= ctx.today) {
      out.lessons.push({ lesson: base });
      continue;
    }
    if (change?.cancelled) {
      out.lessons.push({ lesson: { ...base, status: 'cancelled', cancellationReason: change.cancelled } });
      continue;
    }

    // The topic: the next hour of the КТП (the lagging journal spends a lesson on mistakes after each control work).
    let hour: PlanHour | undefined;
    let topic: string;
    if (reworkPending) {
      topic = 'Анализ контрольной работы. Работа над ошибками';
      reworkPending = false;
    } else {
      hour = plan.hours[k++];
      topic = hour?.lessonTopic ?? 'Повторение изученного';
    }
    const planned = hour && hour.hourInTopic === 0 ? hour.topic : undefined;
    let workTypeId = planned?.workTypeId;
    const workTopic = planned?.workTopic;
    if (isLagging && workTypeId === 'control') reworkPending = true;
    if (!workTypeId && info.grade > 1 && !NO_INDEPENDENT.has(journal.subject) && jr.chance(0.06)) workTypeId = jr.chance(0.6) ? 'independent' : 'check';

    // When the teacher (or the substitute) filled the journal (п. 5.2).
    const keeper = change?.substituteTeacherId ?? journal.teacherId;
    const lateShare = ctx.problems.lateFillers.get(keeper) ?? 0.004;
    const minutes = (from: number, to: number) => jr.int(from, to);
    let filledMs: number;
    let sameDay = false;
    if (jr.chance(lateShare)) filledMs = ctx.atMs(addDays(occ.date, jr.int(3, 7)), minutes(10 * 60, 22 * 60));
    else {
      const r = jr.next();
      const share = ctx.sameDayShare(keeper);
      if (r < share) {
        filledMs = endMs + minutes(3, 330) * 60_000;
        sameDay = true;
      } else if (r < share + (1 - share) * 0.82) filledMs = ctx.atMs(addDays(occ.date, 1), minutes(15 * 60, 21 * 60 + 30));
      else filledMs = ctx.atMs(addDays(occ.date, 2), minutes(16 * 60, 22 * 60));
    }
    if (ctx.problems.unfilledLessonIds.has(occ.lessonId) || filledMs > ctx.nowMs) {
      // Not filled yet: still planned, without a topic, waiting in the `due` index (п. 5.2).
      out.lessons.push({ lesson: base, fillDeadline: fillDeadline(occ.date, ctx.timeZone) });
      continue;
    }

    const distance = change?.distance === true;
    const homework =
      info.grade > 1 && jr.chance(workTypeId && CONTROL_KINDS.has(workTypeId) ? def.homeworkShare * 0.5 : def.homeworkShare)
        ? { text: homeworkText(jr, journal.subject, k), ...dueBy(occurrences, index) }
        : undefined;
    const lesson: Lesson = {
      ...base,
      topic,
      ...(hour ? { thematicTopicId: hour.topic.id } : {}),
      ...(workTypeId ? { workTypeId } : {}),
      ...(workTypeId && workTopic ? { workTopic } : {}),
      ...(homework ? { homework } : {}),
      status: 'conducted',
      filledAt: iso(filledMs),
      filledBy: keeper,
      ...(distance
        ? {
            isDistance: true,
            materials: [
              { title: `Видеоурок по теме «${planned?.title ?? topic}»`, url: 'https://resh.edu.ru/' },
              { title: 'Конспект урока', text: `Краткий конспект по теме «${topic}» и образцы решения заданий.` },
            ],
            assignment: `Изучить материалы по теме «${topic}», выполнить задания в тетради и прислать фото выполненной работы через сообщения до 20:00.`,
          }
        : {}),
    };
    out.lessons.push({ lesson });

    // Attendance: day absences (Б, УП) in every lesson; single truancies (Н) and lateness (ОП) per lesson.
    const present: Student[] = [];
    const setAtAttendance = sameDay ? startMs + jr.int(2, 10) * 60_000 : filledMs;
    for (const s of members) {
      if (s.enrollment.from > occ.date || (s.enrollment.to !== undefined && s.enrollment.to < occ.date)) continue;
      const day = ctx.dayAbsences.get(s.person.id)?.get(occ.date);
      let code: string | undefined = day;
      let minutesLate: number | undefined;
      if (!code && !distance) {
        const truancy = (info.grade >= 8 ? 0.008 : info.grade >= 5 ? 0.0035 : 0.0008) * s.absenceProneness * (occ.slot >= 6 ? 1.8 : 1);
        const late = (occ.slot === 1 ? 0.02 : 0.004) * s.absenceProneness;
        const r = jr.next();
        if (r < truancy) code = 'Н';
        else if (r < truancy + late) {
          code = 'ОП';
          minutesLate = jr.int(2, 20);
        }
      }
      if (code) {
        out.attendance.push({
          attendance: {
            lessonId: occ.lessonId,
            studentId: s.person.id,
            code,
            ...(minutesLate ? { minutesLate } : {}),
            version: 1,
            setBy: keeper,
            setAt: iso(setAtAttendance),
          },
          coords,
          classId: journal.classId,
        });
      }
      if (!code || code === 'ОП') present.push(s);
    }

    // Marks (none in grade 1, п. 5.6).
    if (info.grade === 1) continue;
    const isControl = workTypeId !== undefined && CONTROL_KINDS.has(workTypeId);
    let markMs = sameDay ? startMs + jr.int(5, 40) * 60_000 : filledMs;
    if (isControl) markMs = Math.max(filledMs, ctx.atMs(addDays(occ.date, 1), jr.int(17 * 60, 21 * 60 + 30)));
    if (markMs > ctx.nowMs) continue; // still being checked
    let recipients: Student[];
    let markType: string;
    if (isControl) {
      recipients = present;
      markType = workTypeId!;
      if (controlProblem && !controlProblem.lessonId && occ.date >= controlProblem.from && occ.date <= controlProblem.to && present.length > 5) {
        const skipped = jr.sample(present, controlProblem.missing);
        recipients = present.filter((s) => !skipped.includes(s));
        controlProblem.lessonId = occ.lessonId;
        controlProblem.studentIds = skipped.map((s) => s.person.id);
      }
    } else if (workTypeId === 'laboratory' || workTypeId === 'practical') {
      recipients = present.filter(() => jr.chance(0.85));
      markType = workTypeId;
    } else if (workTypeId === 'independent' || workTypeId === 'check') {
      recipients = present.filter(() => jr.chance(0.9));
      markType = workTypeId;
    } else {
      const target = Math.max(0, Math.round(usualTarget + jr.normal(0, 1.2)));
      recipients = [];
      const pool = [...present];
      while (recipients.length < target && pool.length > 0) {
        const chosen = jr.weighted(pool.map((s) => [s, 1 / (1 + (markCount.get(s.person.id) ?? 0)) ** 2] as const));
        recipients.push(chosen);
        pool.splice(pool.indexOf(chosen), 1);
      }
      markType = jr.chance(0.72) ? 'answer' : 'homework';
    }
    if (journal.subject === 'pe') {
      // Students exempt from PE: ОСВ instead of a mark, now and then.
      for (const s of present) if (s.person.healthGroup === 'exempt' && !recipients.includes(s) && jr.chance(0.3)) recipients.push(s);
    }
    const shift = isControl ? -0.15 : workTypeId === 'laboratory' || workTypeId === 'practical' ? 0.15 : 0;
    for (const s of recipients) {
      let values: MarkValue[];
      if (def.grading === 'credit') values = [creditMark(jr, s)];
      else if (journal.subject === 'pe') values = s.person.healthGroup === 'exempt' ? ['ОСВ'] : [peMark(jr, s)];
      else if ((workTypeId === 'dictation' || workTypeId === 'essay' || workTypeId === 'summary') && jr.chance(0.45)) values = doubleMark(jr, s, journal.subject, shift);
      else if (journal.subject === 'rus' && jr.chance(0.02)) values = doubleMark(jr, s, journal.subject, shift);
      else values = [numericMark(jr, s, journal.subject, shift)];
      const setAtMs = Math.min(ctx.nowMs, markMs + jr.int(0, 120) * 1000);
      const mark: Mark = {
        id: markIds.next('mark', setAtMs),
        lessonId: occ.lessonId,
        studentId: s.person.id,
        values,
        workTypeId: markType,
        version: 1,
        setBy: keeper,
        setAt: iso(setAtMs),
      };
      out.marks.push({ mark, coords, classId: journal.classId });
      markCount.set(s.person.id, (markCount.get(s.person.id) ?? 0) + 1);
      const fk = `${s.person.id}|${journal.subject}`;
      let list = ctx.marksForFinals.get(fk);
      if (!list) ctx.marksForFinals.set(fk, (list = []));
      list.push({ date: occ.date, values, workTypeId: markType });
    }
  }
  return out;
}
