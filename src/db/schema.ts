/**
 * The tables of the state database, as Kysely sees them. One interface per table; `Generated` marks what
 * the database fills in (ids). Every table is defined by a migration in `migrations/`: a change to a table
 * is a new migration plus a change here, never an edit of an old migration.
 *
 * Conventions that keep SQLite and PostgreSQL alike: times are ISO-8601 UTC strings (`2026-12-03T07:00:00.000Z`:
 * they sort as text); flags are integers 0/1; lists and small records are JSON text; ids are integers.
 */
import type { Generated } from 'kysely';

/** Small facts about this database and the process that owns it (`key` → `value`). */
export interface StateTable {
  key: string;
  value: string;
  updated_at: string;
}

// Intake (feeds) and push (watches, schedules) add their tables in migrations 002 and 003, and their
// interfaces here.

export interface Tables {
  state: StateTable;
}

/** Rows as read: `Selectable` of each table. */
export type Id = Generated<number>;
