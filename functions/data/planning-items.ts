/**
 * Items of the planning data: thematic-plan topics (КТП), the weekly timetable and its
 * one-day changes. Keys come from keys.ts; each item spreads its domain object.
 */
import type { ThematicPlan, ThematicTopic } from '#shared/domain/thematic-plan.ts';
import type { TimetableChange } from '#shared/domain/timetable-change.ts';
import type { TimetableSlot } from '#shared/domain/timetable.ts';
import { keys } from './keys.ts';
import type { StoredItem } from './query.ts';

/** The plan a topic belongs to (a thematic plan without its topics). */
export type PlanHeader = Omit<ThematicPlan, 'topics'>;

/**
 * One topic of a journal's КТП: Query pk = PLAN#<group>#<subject> returns the plan's topics in
 * order. The plan's own fields ride on every topic (`planId`, `planTitle`, class, subgroup,
 * subject, teacher, year), so the whole plan is read back with that one Query.
 */
export function planTopicItem(plan: PlanHeader, topic: ThematicTopic): StoredItem {
  return {
    ...keys.planTopic(plan.subgroupId ?? plan.classId, plan.subjectId, topic.number),
    type: 'ThematicTopic',
    ...topic,
    planId: plan.id,
    ...(plan.title !== undefined ? { planTitle: plan.title } : {}),
    academicYearId: plan.academicYearId,
    classId: plan.classId,
    ...(plan.subgroupId !== undefined ? { subgroupId: plan.subgroupId } : {}),
    subjectId: plan.subjectId,
    teacherId: plan.teacherId,
  };
}

/** A recurring lesson of the weekly timetable: Query pk = TIMETABLE#<year> (sk begins with the class id). */
export function timetableSlotItem(slot: TimetableSlot): StoredItem {
  return {
    ...keys.timetableSlot(slot.academicYearId, slot.classId, slot.weekday, slot.slot, slot.subgroupId ?? slot.classId),
    type: 'TimetableSlot',
    ...slot,
  };
}

/** A one-day change (substitution, cancellation, move, room change): Query pk = CHANGES#<year>, sk between dates. */
export function timetableChangeItem(academicYearId: string, change: TimetableChange): StoredItem {
  return {
    ...keys.timetableChange(academicYearId, change.date, change.classId, change.slot, change.subgroupId ?? change.classId),
    type: 'TimetableChange',
    ...change,
  };
}
