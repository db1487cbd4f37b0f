/**
 * Timetable changes of the year so far, entered by the operator: substitutions while teachers
 * were ill or on a course (the substitute keeps the lesson and its journal, п. 5.3), a week of
 * quarantine in one primary class with distance lessons (п. 5.7), and a few cancelled lessons
 * in one journal (which is why it lags behind its КТП).
 */
import { addDays, type IsoDate } from '#shared/domain/dates.ts';
import type { TimetableChange } from '#shared/domain/timetable-change.ts';
import { mondayOf, type SchoolCalendar } from './calendar.ts';
import type { Department } from './curriculum.ts';
import type { ClassInfo, IdMaker, Journal, Staff, Teacher } from './model.ts';
import { journalKey, type Occurrence } from './occurrences.ts';
import type { Random } from './random.ts';
import type { TimetableEvent } from './timetable.ts';

export type LessonChange = {
  substituteTeacherId?: string;
  /** The lesson was cancelled, with this reason. */
  cancelled?: string;
  /** Held remotely (quarantine). */
  distance?: boolean;
};

export type Changes = {
  byLesson: Map<string, LessonChange>;
  timetableChanges: TimetableChange[];
  /** The class in quarantine and its days (for the report and the tests). */
  quarantine?: { classId: string; days: IsoDate[] };
  /** The journal with cancelled lessons. */
  laggingJournal?: string;
};

export type ChangeContext = {
  rng: Random;
  ids: IdMaker;
  calendar: SchoolCalendar;
  today: IsoDate;
  /** Local time → instant, in the school's time zone. */
  at: (date: IsoDate, time: string) => string;
  staff: Staff;
  classes: ClassInfo[];
  journals: Journal[];
  events: TimetableEvent[];
  occurrences: Map<string, Occurrence[]>;
};

const poolOf = (staff: Staff, department: Department) => staff.teachers.filter((t) => t.department === department && !t.role);

export function buildChanges(ctx: ChangeContext): Changes {
  const { rng, ids, calendar, today, staff, journals, events, occurrences } = ctx;
  const byLesson = new Map<string, LessonChange>();
  const timetableChanges: TimetableChange[] = [];
  const days = calendar.schoolDays(calendar.year.startDate, calendar.year.endDate, 5);
  const busyWeekly = new Map<string, Set<string>>(); // teacher → weekday|slot
  for (const e of events) for (const j of e.journals) {
    let set = busyWeekly.get(j.teacherId);
    if (!set) busyWeekly.set(j.teacherId, (set = new Set()));
    set.add(`${e.weekday}|${e.slot}`);
  }
  const substituting = new Set<string>(); // teacher|date|slot

  const changed = new Set<string>(); // one change per lesson: date|slot|class|group
  function change(c: Omit<TimetableChange, 'id' | 'createdBy'>): void {
    const k = `${c.date}|${c.slot}|${c.classId}|${c.subgroupId ?? ''}`;
    if (changed.has(k)) return;
    changed.add(k);
    timetableChanges.push({ id: ids.next('timetableChange'), ...c, createdBy: staff.operator.id });
  }

  /** `prefer`: the colleague asked first (when free at that hour). */
  function substitute(absent: Teacher, dates: IsoDate[], reason: 'illness' | 'training', comment: string, prefer?: Teacher) {
    for (const date of dates) {
      if (date >= today) continue;
      for (const j of journals.filter((x) => x.teacherId === absent.person.id)) {
        for (const occ of (occurrences.get(journalKey(j)) ?? []).filter((o) => o.date === date)) {
          const free = (t: Teacher) =>
            t !== absent && !busyWeekly.get(t.person.id)?.has(`${occ.weekday}|${occ.slot}`) && !substituting.has(`${t.person.id}|${date}|${occ.slot}`);
          const colleagues = poolOf(staff, absent.department).filter(free);
          const others = staff.teachers.filter((t) => !t.role && t.department !== 'primary' && t.department !== absent.department && free(t));
          const chosen =
            prefer && free(prefer) ? prefer : colleagues.length > 0 ? rng.pick(colleagues) : others.length > 0 ? rng.pick(others) : undefined;
          if (!chosen) {
            byLesson.set(occ.lessonId, { cancelled: 'Урок отменён: болезнь учителя, замена не найдена' });
            change({ date, slot: occ.slot, classId: j.classId, ...(j.subgroupId ? { subgroupId: j.subgroupId } : {}), kind: 'cancellation', reason, comment, createdAt: ctx.at(date, '07:40') });
            continue;
          }
          substituting.add(`${chosen.person.id}|${date}|${occ.slot}`);
          byLesson.set(occ.lessonId, { substituteTeacherId: chosen.person.id });
          change({
            date,
            slot: occ.slot,
            classId: j.classId,
            ...(j.subgroupId ? { subgroupId: j.subgroupId } : {}),
            kind: 'substitution',
            substituteTeacherId: chosen.person.id,
            reason,
            comment,
            createdAt: reason === 'training' ? ctx.at(addDays(date, -1), '15:20') : ctx.at(date, '07:40'),
          });
        }
      }
    }
  }

  const russian = poolOf(staff, 'russian');
  const math = poolOf(staff, 'math');
  const english = poolOf(staff, 'english');
  substitute(russian[1]!, [days[16]!], 'training', 'Курсы повышения квалификации');
  substitute(math[1]!, [days[27]!, days[28]!], 'illness', 'Больничный лист');
  substitute(english[3]!, [days[52]!, days[53]!, days[54]!], 'illness', 'Больничный лист');
  // A colleague fell ill this week or last: the demo teacher takes her lessons where she is free,
  // so «Замены» has something whatever "today" is (п. 5.3; the list covers two weeks back).
  const recent = days.filter((d) => d < today && d >= addDays(today, -10)).slice(-3, -1);
  const demoColleague = math.find((t) => t !== staff.demoTeacher && t !== math[1]);
  if (demoColleague && recent.length > 0) substitute(demoColleague, recent, 'illness', 'Больничный лист', staff.demoTeacher);

  // Quarantine: a primary class learns remotely for a week in November (п. 5.7).
  const quarantineClass = ctx.classes.find((c) => c.grade === 3 && c.letter === 'В')!;
  const monday = mondayOf(`${calendar.year.startDate.slice(0, 4)}-11-18`);
  const qDays = [0, 1, 2, 3, 4].map((d) => addDays(monday, d)).filter((d) => calendar.isSchoolDay(d, 3) && d < today);
  for (const j of journals.filter((x) => x.classId === quarantineClass.cls.id)) {
    for (const occ of (occurrences.get(journalKey(j)) ?? []).filter((o) => qDays.includes(o.date))) {
      byLesson.set(occ.lessonId, { ...byLesson.get(occ.lessonId), distance: true });
      change({
        date: occ.date,
        slot: occ.slot,
        classId: j.classId,
        ...(j.subgroupId ? { subgroupId: j.subgroupId } : {}),
        kind: 'room-change',
        newRoom: 'Дистанционно',
        reason: 'quarantine',
        comment: 'Карантин по ОРВИ: обучение с применением дистанционных технологий (п. 5.7)',
        createdAt: ctx.at(addDays(qDays[0]!, -3), '16:00'),
      });
    }
  }

  // One journal loses lessons to class events and falls behind its КТП (п. 7.4).
  const lagging = journals.find((j) => j.subject === 'phys' && j.grade === 8 && j.classId.endsWith('-Б'))!;
  const reasons = ['Медицинский осмотр класса', 'Экскурсия класса в технопарк', 'Участие класса в муниципальных спортивных соревнованиях'];
  const lagOccurrences = occurrences.get(journalKey(lagging)) ?? [];
  [22, 38, 51].forEach((dayIndex, i) => {
    const from = days[dayIndex];
    const occ = from && lagOccurrences.find((o) => o.date >= from);
    if (!occ || occ.date >= today) return;
    byLesson.set(occ.lessonId, { cancelled: reasons[i]! });
    change({ date: occ.date, slot: occ.slot, classId: lagging.classId, kind: 'cancellation', reason: 'other', comment: reasons[i]!, createdAt: ctx.at(addDays(occ.date, -2), '14:00') });
  });

  timetableChanges.sort((a, b) => a.date.localeCompare(b.date) || a.slot - b.slot || a.classId.localeCompare(b.classId));
  return {
    byLesson,
    timetableChanges,
    ...(qDays.length > 0 ? { quarantine: { classId: quarantineClass.cls.id, days: qDays } } : {}),
    laggingJournal: journalKey(lagging),
  };
}

