/**
 * The weekly timetable: a five-day week, each class's lessons from the first lesson without
 * gaps (окна), its curriculum hours exactly, no teacher in two places at once, a class's two
 * subgroups in the same slot with their own teachers (and rooms). Built by a min-conflicts
 * local search: every class's lessons are dealt onto its slots, then lessons of one class swap
 * places until no teacher is double-booked and no subject repeats more than it must on a day.
 */
import type { SubjectKey } from './curriculum.ts';
import type { ClassInfo, Journal } from './model.ts';
import type { Random } from './random.ts';

export const DAYS = 5;
export const MAX_SLOTS = 8;

export type TimetableEvent = {
  classId: string;
  subject: SubjectKey;
  /** One journal, or the two subgroups' journals taught at the same time. */
  journals: Journal[];
  /** 1 = Monday … 5 = Friday. */
  weekday: number;
  slot: number;
};

type Ev = { cls: number; subject: number; teachers: number[]; pos: number; src: Omit<TimetableEvent, 'weekday' | 'slot'> };

const HARD = 1000;
const SOFT = 10;

export function buildTimetable(rng: Random, classes: ClassInfo[], journals: Journal[]): TimetableEvent[] {
  const teacherIndex = new Map<string, number>();
  const subjectIndex = new Map<SubjectKey, number>();
  const evs: Ev[] = [];
  const classPositions: { day: number; slot: number }[][] = [];
  const classEvents: number[][] = [];
  const hoursOf: number[][] = []; // [class][subject] weekly hours

  classes.forEach((info, c) => {
    const mine = journals.filter((j) => j.classId === info.cls.id);
    const bySubject = new Map<SubjectKey, Journal[]>();
    for (const j of mine) bySubject.set(j.subject, [...(bySubject.get(j.subject) ?? []), j]);
    classEvents.push([]);
    hoursOf.push([]);
    let total = 0;
    for (const [subject, js] of bySubject) {
      if (!subjectIndex.has(subject)) subjectIndex.set(subject, subjectIndex.size);
      const s = subjectIndex.get(subject)!;
      const teachers = js.map((j) => {
        if (!teacherIndex.has(j.teacherId)) teacherIndex.set(j.teacherId, teacherIndex.size);
        return teacherIndex.get(j.teacherId)!;
      });
      const hours = js[0]!.hoursPerWeek;
      hoursOf[c]![s] = hours;
      for (let h = 0; h < hours; h++) {
        classEvents[c]!.push(evs.length);
        evs.push({ cls: c, subject: s, teachers, pos: -1, src: { classId: info.cls.id, subject, journals: js } });
      }
      total += hours;
    }
    // Lessons per day: as even as possible, the longer days in mid-week.
    const base = Math.floor(total / DAYS);
    const longer = new Set([...rng.shuffle([2, 3, 4]), ...rng.shuffle([1, 5])].slice(0, total % DAYS));
    const positions: { day: number; slot: number }[] = [];
    for (let day = 1; day <= DAYS; day++) {
      const n = base + (longer.has(day) ? 1 : 0);
      if (n > MAX_SLOTS) throw new Error(`${info.cls.name}: ${n} lessons a day do not fit the bells`);
      for (let slot = 1; slot <= n; slot++) positions.push({ day, slot });
    }
    classPositions.push(positions);
    // Deal the lessons onto the slots: one subject's lessons spread over the week.
    const order = classEvents[c]!.slice().sort((a, b) => evs[a]!.subject - evs[b]!.subject);
    const byDay = rng.shuffle(positions.map((_, i) => i)).sort((a, b) => positions[a]!.slot - positions[b]!.slot || positions[a]!.day - positions[b]!.day);
    // Round-robin over days: positions ordered by slot then day, so consecutive lessons of a subject land on different days.
    order.forEach((e, i) => (evs[e]!.pos = byDay[i]!));
  });

  const nTeachers = teacherIndex.size;
  const nSubjects = subjectIndex.size;
  const busy = new Int16Array(nTeachers * DAYS * MAX_SLOTS);
  const subjDay = new Int16Array(classes.length * nSubjects * DAYS);
  const cellOf = (c: number, pos: number) => {
    const p = classPositions[c]![pos]!;
    return (p.day - 1) * MAX_SLOTS + (p.slot - 1);
  };
  const dayOf = (c: number, pos: number) => classPositions[c]![pos]!.day - 1;
  const allowed = (c: number, s: number) => (hoursOf[c]![s]! > DAYS ? 2 : 1);

  function place(e: Ev, sign: 1 | -1) {
    const cell = cellOf(e.cls, e.pos);
    for (const t of e.teachers) busy[t * DAYS * MAX_SLOTS + cell]! += sign;
    subjDay[(e.cls * nSubjects + e.subject) * DAYS + dayOf(e.cls, e.pos)]! += sign;
  }
  for (const e of evs) place(e, 1);

  const teacherCost = (t: number, cell: number) => {
    const b = busy[t * DAYS * MAX_SLOTS + cell]!;
    return b > 1 ? (b - 1) * HARD : 0;
  };
  const subjectCost = (c: number, s: number, d: number) => {
    const n = subjDay[(c * nSubjects + s) * DAYS + d]!;
    const a = allowed(c, s);
    return n > a ? (n - a) * SOFT : 0;
  };
  function localCost(e1: Ev, e2: Ev): number {
    let cost = 0;
    const cells = [cellOf(e1.cls, e1.pos), cellOf(e2.cls, e2.pos)];
    const seen = new Set<number>();
    for (const t of [...e1.teachers, ...e2.teachers]) {
      for (const cell of cells) {
        const key = t * 64 + cell;
        if (seen.has(key)) continue;
        seen.add(key);
        cost += teacherCost(t, cell);
      }
    }
    const days = [dayOf(e1.cls, e1.pos), dayOf(e2.cls, e2.pos)];
    const seenS = new Set<number>();
    for (const s of [e1.subject, e2.subject]) {
      for (const d of days) {
        const key = s * 8 + d;
        if (seenS.has(key)) continue;
        seenS.add(key);
        cost += subjectCost(e1.cls, s, d);
      }
    }
    return cost;
  }
  function swap(e1: Ev, e2: Ev) {
    place(e1, -1);
    place(e2, -1);
    [e1.pos, e2.pos] = [e2.pos, e1.pos];
    place(e1, 1);
    place(e2, 1);
  }
  const isBad = (e: Ev) =>
    e.teachers.some((t) => teacherCost(t, cellOf(e.cls, e.pos)) > 0) || subjectCost(e.cls, e.subject, dayOf(e.cls, e.pos)) > 0;

  const MAX_ITERATIONS = 400_000;
  let iteration = 0;
  for (; iteration < MAX_ITERATIONS; iteration++) {
    const bad: number[] = [];
    for (let i = 0; i < evs.length; i++) if (isBad(evs[i]!)) bad.push(i);
    if (bad.length === 0) break;
    // Teacher clashes first; repeated subjects only once no teacher is double-booked.
    const hard = bad.filter((i) => evs[i]!.teachers.some((t) => teacherCost(t, cellOf(evs[i]!.cls, evs[i]!.pos)) > 0));
    const e1 = evs[rng.pick(hard.length > 0 ? hard : bad)]!;
    let best: Ev[] = [];
    let bestDelta = Infinity;
    for (const j of classEvents[e1.cls]!) {
      const e2 = evs[j]!;
      if (e2 === e1 || e2.subject === e1.subject) continue;
      const before = localCost(e1, e2);
      swap(e1, e2);
      const delta = localCost(e1, e2) - before;
      swap(e1, e2);
      if (delta < bestDelta) {
        bestDelta = delta;
        best = [e2];
      } else if (delta === bestDelta) best.push(e2);
    }
    if (best.length === 0) continue;
    if (bestDelta >= 0 && rng.chance(0.2)) {
      const others = classEvents[e1.cls]!.map((j) => evs[j]!).filter((e2) => e2 !== e1 && e2.subject !== e1.subject);
      swap(e1, rng.pick(others));
    } else swap(e1, rng.pick(best));
  }
  const clashes = evs.filter((e) => e.teachers.some((t) => teacherCost(t, cellOf(e.cls, e.pos)) > 0));
  if (clashes.length > 0) throw new Error(`the timetable still has ${clashes.length} teacher clashes after ${iteration} steps`);

  return evs.map((e) => {
    const p = classPositions[e.cls]![e.pos]!;
    return { ...e.src, weekday: p.day, slot: p.slot };
  });
}
