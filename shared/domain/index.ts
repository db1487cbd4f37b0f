/**
 * The domain of the class journal: entities as zod schemas (with inferred types) and the
 * regulation's rules as pure functions citing their clause. No AWS, no I/O, no clock: callers
 * pass `now` and the school's time zone.
 */
import './zod-locale.ts';

export * from './ids.ts';
export * from './role.ts';
export * from './dates.ts';
export * from './version.ts';
export * from './work-types.ts';
export * from './attendance-codes.ts';
export * from './school-settings.ts';
export * from './school.ts';
export * from './academic-year.ts';
export * from './study-period.ts';
export * from './school-class.ts';
export * from './subgroup.ts';
export * from './subject.ts';
export * from './person.ts';
export * from './enrollment.ts';
export * from './guardianship.ts';
export * from './teaching-assignment.ts';
export * from './class-teacher.ts';
export * from './curriculum.ts';
export * from './thematic-plan.ts';
export * from './bell-schedule.ts';
export * from './timetable.ts';
export * from './timetable-change.ts';
export * from './lesson.ts';
export * from './journal-period.ts';
export * from './mark.ts';
export * from './attendance.ts';
export * from './final-mark.ts';
export * from './message.ts';
export * from './notification.ts';
export * from './invitation-code.ts';
export * from './consent.ts';
export * from './audit-event.ts';

export * from './rules/violation.ts';
export * from './rules/deadline.ts';
export * from './rules/marks-allowed.ts';
export * from './rules/mark-values.ts';
export * from './rules/lesson-entry.ts';
export * from './rules/distance-lesson.ts';
export * from './rules/fill-deadline.ts';
export * from './rules/final-marks.ts';
export * from './rules/average.ts';
export * from './rules/calendar.ts';
export * from './rules/responsibility.ts';
export * from './rules/journal-cell.ts';
export * from './rules/invitation.ts';
export * from './rules/consent.ts';
export * from './rules/programme.ts';
