/**
 * 0001 · the diary's «Задано на этот день» (AP25) for lessons written before it existed.
 *
 * Up to the release before the family's diary (issue 10), a lesson whose homework had a due date
 * was stored without the sparse gsi1 entry `HOMEWORKDUE#<class>` / `<due date>#<date>#<slot>#<group>`,
 * so a school upgraded from it would show nothing due on any day for every older lesson. This
 * gives each such lesson its entry; lessons that have one (written by the current release, or
 * migrated already), lessons without a due date and every other item are left as they are.
 */
import type { Lesson } from '#shared/domain/lesson.ts';
import { lessonItem } from '#functions/data/journal-repository.ts';
import type { MigrationWrite } from '#functions/data/migration-repository.ts';
import { stripKeys, type StoredItem } from '#functions/data/query.ts';
import type { Migration } from './migration.ts';

export const homeworkDueIndex: Migration = {
  id: '0001-homework-due-index',
  description: 'Lessons whose homework has a due date get the diary\'s "due that day" entry (gsi1 HOMEWORKDUE#<class>, AP25)',
  step: (items) => items.flatMap(planLesson),
};

function planLesson(item: StoredItem): MigrationWrite[] {
  // A lesson is the item of type Lesson in its journal's partition (journal-repository's lessonItem).
  if (item.type !== 'Lesson' || typeof item.pk !== 'string' || !item.pk.startsWith('JOURNAL#') || typeof item.sk !== 'string') return [];
  // Any gsi1 entry at all: the current layout (or not this migration's business).
  if (item.gsi1pk !== undefined || item.gsi1sk !== undefined) return [];
  const lesson = stripKeys<Lesson>(item);
  if (!lesson.homework?.dueDate) return [];
  // The entry exactly as every writer of a lesson makes it now: the item builder's own keys, no copy of their format.
  const current = lessonItem(lesson);
  if (typeof current.gsi1pk !== 'string' || typeof current.gsi1sk !== 'string') return [];
  // An item whose fields do not give back its own key is not one the builder made: leave it to a person.
  if (current.pk !== item.pk || current.sk !== item.sk) return [];
  return [
    {
      kind: 'update',
      key: { pk: item.pk, sk: item.sk },
      set: { gsi1pk: current.gsi1pk, gsi1sk: current.gsi1sk },
      // Every save of a lesson raises its version: a save since the Scan read it (with another
      // due date, or already with its entry) fails this, and the step decides again on the item as it is.
      expect: { version: item.version, gsi1pk: undefined },
    },
  ];
}
