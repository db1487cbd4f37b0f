import type { Lesson } from '../lesson.ts';
import { violation, type RuleViolation } from './violation.ts';

/**
 * п. 5.7: when classes are cancelled (low temperature, quarantine …) teachers teach through the
 * system: a distance lesson that is held (not cancelled) carries learning materials or an
 * assignment text.
 */
export function checkDistanceLesson(
  lesson: Pick<Lesson, 'isDistance' | 'status' | 'materials' | 'assignment'>,
): RuleViolation | null {
  if (!lesson.isDistance || lesson.status === 'cancelled') return null;
  const hasAssignment = lesson.assignment !== undefined && lesson.assignment.trim() !== '';
  if (lesson.materials.length > 0 || hasAssignment) return null;
  return violation(
    'п. 5.7',
    'DISTANCE_MATERIALS_REQUIRED',
    'Для дистанционного урока добавьте учебные материалы или текст задания',
  );
}
