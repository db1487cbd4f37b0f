/**
 * What a data migration is (docs/data-model.md, "Data migrations"): a named, numbered step that
 * brings the table's items from the previous layout to the current one, one Scan page at a time.
 * The runner (run-migrations.ts) pages, applies, records progress and resumes; the step only decides.
 */
import type { MigrationWrite } from '#functions/data/migration-repository.ts';
import type { StoredItem } from '#functions/data/query.ts';

export type Migration = {
  /** `NNNN-kebab-name`, in the order they run; never renamed or reused once released (it is the record's key). */
  id: string;
  /** One line for the record and `npm run migrate -- --status`. */
  description: string;
  /**
   * Given one page of the table's items — any item type, in Scan order — the writes that bring
   * them to the current layout; none for items already there. Pure apart from reading its input
   * (asynchronous only to read a related item it needs): called again with one item read afresh
   * when a write of it met a user's change, so what it returns must depend on that item alone,
   * and on an item it already migrated it returns nothing.
   */
  step: (items: readonly StoredItem[]) => MigrationWrite[] | Promise<MigrationWrite[]>;
};

/** The id's form: four digits (the order), then a kebab-case name. */
export const MIGRATION_ID = /^\d{4}-[a-z0-9]+(?:-[a-z0-9]+)*$/;
