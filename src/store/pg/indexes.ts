/**
 * Secondary indexes set aside for a bulk import. Filling an empty archive through its indexes costs the
 * database about twice the time of filling the tables and building each index once at the end (100k
 * paragraphs: 51 s against 26 s + 3 s, docs/design/store.md), so an import into an empty archive drops the
 * corpus tables' secondary indexes and builds them again when it ends, whether it succeeded or not.
 * The definitions are taken from the database itself (`pg_indexes`, as migration 004 made them) and kept
 * in `corpus_deferred_indexes` until rebuilt, so an import that was killed leaves a note: the next import
 * builds those indexes first, and a bot that starts on such an archive logs a warning. Indexes that back a constraint (primary keys, unique ids) stay:
 * the import relies on them.
 */
import type pg from 'pg';

/** The corpus tables' secondary indexes (not backing a constraint), with their definitions. */
async function secondaryIndexes(pool: pg.Pool): Promise<Array<{ name: string; definition: string }>> {
  const { rows } = await pool.query<{ name: string; definition: string }>(
    `select i.indexname as name, i.indexdef as definition
       from pg_indexes i
      where i.schemaname = current_schema() and i.tablename like 'corpus\\_%'
        and not exists (select 1 from pg_constraint c where c.conindid = (quote_ident(i.schemaname) || '.' || quote_ident(i.indexname))::regclass)
      order by i.indexname`,
  );
  return rows;
}

/** Whether the archive holds no article yet (a bulk import may then set the indexes aside). */
export async function archiveIsEmpty(pool: pg.Pool): Promise<boolean> {
  const { rows } = await pool.query<{ empty: boolean }>('select not exists (select 1 from corpus_articles) as empty');
  return rows[0]!.empty;
}

/** Drops the secondary indexes, noting their definitions first (in the same transaction). Returns how many. */
export async function deferIndexes(pool: pg.Pool): Promise<number> {
  const indexes = await secondaryIndexes(pool);
  if (indexes.length === 0) return 0;
  const client = await pool.connect();
  try {
    await client.query('begin');
    await client.query(
      'insert into corpus_deferred_indexes (name, definition) select * from unnest($1::text[], $2::text[]) on conflict (name) do nothing',
      [indexes.map((i) => i.name), indexes.map((i) => i.definition)],
    );
    for (const { name } of indexes) await client.query(`drop index if exists ${quoteIdent(name)}`);
    await client.query('commit');
  } catch (err) {
    await client.query('rollback').catch(() => {});
    throw err;
  } finally {
    client.release();
  }
  return indexes.length;
}

/** Builds every index set aside (an import's end, or what a killed one left). Returns how many were built. */
export async function restoreIndexes(pool: pg.Pool): Promise<number> {
  const { rows } = await pool.query<{ name: string; definition: string }>('select name, definition from corpus_deferred_indexes order by name');
  // Built side by side (each on its own connection), then forgotten one by one as each is in place.
  await Promise.all(
    rows.map(async ({ name, definition }) => {
      await pool.query(definition.replace(/^CREATE (UNIQUE )?INDEX /, 'CREATE $1INDEX IF NOT EXISTS '));
      await pool.query('delete from corpus_deferred_indexes where name = $1', [name]);
    }),
  );
  return rows.length;
}

const quoteIdent = (name: string) => `"${name.replace(/"/g, '""')}"`;
