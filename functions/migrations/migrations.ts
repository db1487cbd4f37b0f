/**
 * Every data migration, in the order they run (docs/data-model.md, "Data migrations"). Append
 * only: a released migration keeps its id and stays here, so a school several releases behind
 * runs each one it missed, in order; a table made in the current layout records them all as done
 * (`baselineMigrations`).
 */
import { homeworkDueIndex } from './0001-homework-due-index.ts';
import type { Migration } from './migration.ts';

export const migrations: readonly Migration[] = [homeworkDueIndex];
