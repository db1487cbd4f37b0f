/**
 * Deliberate problems for the control checks to find (п. 5.2, 7.4): lessons past their fill
 * deadline with no topic, teachers who fill the journal late, a control work with marks
 * missing for some students who were present, and a journal lagging behind its КТП (chosen
 * in changes.ts: its lessons were cancelled). Everything else in the demo journal is in order.
 */
import { addDays, type IsoDate } from '#shared/domain/dates.ts';
import type { Journal, Staff } from './model.ts';
import { journalKey, type Occurrence } from './occurrences.ts';
import type { Random } from './random.ts';

export type Problems = {
  /** п. 5.2: past their fill deadline, still without a topic (status planned, in the `due` index). */
  unfilledLessonIds: Set<string>;
  /** п. 5.2: teacher → share of their lessons filled after the deadline. */
  lateFillers: Map<string, number>;
  /** п. 5.2/7.4: in this journal, the first control work in the window misses marks of some present students. */
  controlWithoutMarks: { journal: string; from: IsoDate; to: IsoDate; missing: number; lessonId?: string; studentIds: string[] };
  /** п. 7.4: a journal behind its plan (see changes.ts). */
  laggingJournal?: string;
};

export function chooseProblems(
  rng: Random,
  today: IsoDate,
  yearEnd: IsoDate,
  staff: Staff,
  journals: Journal[],
  occurrences: Map<string, Occurrence[]>,
): Problems {
  // Counted back from today, or from the end of the year when "today" is in the summer.
  const anchor = today <= yearEnd ? today : addDays(yearEnd, 1);
  const unfilledLessonIds = new Set<string>();
  const window = (o: Occurrence) => o.date >= addDays(anchor, -12) && o.date <= addDays(anchor, -3);
  const pickUnfilled = (teacherId: string, count: number) => {
    const candidates = journals
      .filter((j) => j.teacherId === teacherId)
      .flatMap((j) => (occurrences.get(journalKey(j)) ?? []).filter(window));
    for (const o of rng.sample(candidates, count)) unfilledLessonIds.add(o.lessonId);
  };
  const pool = (department: string) => staff.teachers.filter((t) => t.department === department && !t.role);
  pickUnfilled(staff.demoTeacher.person.id, 1);
  pickUnfilled(pool('russian')[4]!.person.id, 3);
  pickUnfilled(pool('history')[1]!.person.id, 2);

  const lateFillers = new Map<string, number>([
    [pool('geography')[0]!.person.id, 0.25],
    [pool('primary')[10]!.person.id, 0.15],
  ]);

  const algebra7 = journals.find((j) => j.subject === 'algebra' && j.grade === 7 && j.classId.endsWith('-Б'))!;
  return {
    unfilledLessonIds,
    lateFillers,
    controlWithoutMarks: { journal: journalKey(algebra7), from: addDays(anchor, -45), to: addDays(anchor, -4), missing: 3, studentIds: [] },
  };
}
