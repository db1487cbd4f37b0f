/** The generated demo school: its domain records and what the generator keeps consistent (see generate.ts). */
import type { IsoDate } from '#shared/domain/dates.ts';
import type { CurriculumLine } from '#shared/domain/curriculum.ts';
import type { FinalMark } from '#shared/domain/final-mark.ts';
import type { Subject } from '#shared/domain/subject.ts';
import type { TimetableSlot } from '#shared/domain/timetable.ts';
import type { SchoolCalendar } from './calendar.ts';
import type { Changes } from './changes.ts';
import type { SubjectKey } from './curriculum.ts';
import type { AttendanceRecord, LessonRecord, MarkRecord } from './lessons.ts';
import type { ClassInfo, Journal, People, Staff } from './model.ts';
import type { JournalPlan } from './plans.ts';
import type { Problems } from './problems.ts';

export type DemoSchool = {
  today: IsoDate;
  seed: string;
  calendar: SchoolCalendar;
  subjects: Subject[];
  subjectKeyOf: Map<string, SubjectKey>;
  classes: ClassInfo[];
  staff: Staff;
  people: People;
  curriculum: CurriculumLine[];
  journals: Journal[];
  plans: Map<string, JournalPlan>;
  timetable: TimetableSlot[];
  changes: Changes;
  problems: Problems;
  lessons: LessonRecord[];
  marks: MarkRecord[];
  attendance: AttendanceRecord[];
  finalMarks: FinalMark[];
  bellsId: string;
  /** Demo login → person id. */
  demoPersons: Record<'director' | 'coordinator' | 'operator' | 'teacher' | 'parent' | 'student' | 'newcomer', string>;
};
