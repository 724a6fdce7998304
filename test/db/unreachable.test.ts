/**
 * What every door says when a database cannot be reached (src/db/unreachable.ts), and how a request's steps
 * decide whether its change was made. Pure: errors are made as node-postgres makes them.
 */
import { describe, expect, it } from 'vitest';
import { DatabaseUnreachableError, onDatabase, unreachableReply, type Asked, type Door } from '../../src/db/unreachable.ts';

const WHERE = 'postgres://bot@db.example:5432/news';
const REFUSED = Object.assign(new Error('connect ECONNREFUSED 10.0.0.5:5432'), { code: 'ECONNREFUSED' });
const LOST = new Error('Connection terminated unexpectedly');
const READ: Asked = { read: 'the watches' };
const REMOVE: Asked = { change: 'watch #3', done: 'removed', retry: '/watch remove', check: '/watch list' };
const failing = (err: unknown) => () => Promise.reject(err);
const ok = () => Promise.resolve('done');

describe('unreachableReply', () => {
  const state = (asked: Asked, made: 'no' | 'unknown') => new DatabaseUnreachableError('state', WHERE, asked, made, { cause: REFUSED });
  it.each<[string, DatabaseUnreachableError, Door, string]>([
    [
      'a read, in Discord',
      state(READ, 'no'),
      'discord',
      "The state database could not be reached just now, so the watches could not be read; nothing was changed. Try again in a moment. If it keeps happening, tell whoever runs the bot; the bot's log says where the state database is.",
    ],
    [
      'a change that never reached it, in Discord',
      state(REMOVE, 'no'),
      'discord',
      "The state database could not be reached just now, so watch #3 was not removed. Try /watch remove again in a moment. If it keeps happening, tell whoever runs the bot; the bot's log says where the state database is.",
    ],
    [
      'a change cut mid-way, in Discord',
      state(REMOVE, 'unknown'),
      'discord',
      "The state database stopped answering while watch #3 was being removed, so it may or may not have been. Once it is back, /watch list shows whether it was; if not, run /watch remove again. If it keeps happening, tell whoever runs the bot; the bot's log says where the state database is.",
    ],
    [
      'the archive read, in Discord (by its role: the readers cannot act on a host name)',
      new DatabaseUnreachableError('archive', WHERE, { read: 'the cited paragraphs' }, 'no', { cause: LOST }),
      'discord',
      "The archive could not be reached just now, so the cited paragraphs could not be read; nothing was changed. Try again in a moment. If it keeps happening, tell whoever runs the bot; the bot's log says where the archive is.",
    ],
    [
      'a change cut mid-way, at the console (where it is, for whoever runs the bot)',
      state(REMOVE, 'unknown'),
      'console',
      'The state database (postgres://bot@db.example:5432/news) stopped answering while watch #3 was being removed, so it may or may not have been. Once it is back, /watch list shows whether it was; if not, run /watch remove again. If it keeps happening, check that PostgreSQL is running there and that DATABASE_URL points to it; the bot uses it again as soon as it answers.',
    ],
    [
      'a change that never reached it, at the console (whoever runs the bot)',
      state(REMOVE, 'no'),
      'console',
      'The state database (postgres://bot@db.example:5432/news) could not be reached just now, so watch #3 was not removed. Try /watch remove again in a moment. If it keeps happening, check that PostgreSQL is running there and that DATABASE_URL points to it; the bot uses it again as soon as it answers.',
    ],
    [
      'the archive read from the CLI (no slash command to retry)',
      new DatabaseUnreachableError('archive', WHERE, { read: 'the articles' }, 'no', { cause: LOST }),
      'cli',
      'The archive (postgres://bot@db.example:5432/news) could not be reached just now, so the articles could not be read; nothing was changed. Check that PostgreSQL is running there and that DATABASE_URL points to it, then run the command again.',
    ],
  ])('%s', (_, err, door, reply) => {
    expect(unreachableReply(err, door)).toBe(reply);
  });

  it('names where the database is at the console and the CLI, never in Discord', () => {
    for (const made of ['no', 'unknown'] as const) {
      for (const asked of [READ, REMOVE]) {
        const err = state(asked, made);
        expect(unreachableReply(err, 'discord')).not.toContain('db.example');
        expect(unreachableReply(err, 'console')).toContain(`(${WHERE})`);
        expect(unreachableReply(err, 'cli')).toContain(`(${WHERE})`);
      }
    }
  });

  it('answers an unreachable error no service wrapped honestly (which database and what it did unknown), and nothing else', () => {
    expect(unreachableReply(LOST, 'discord')).toBe(
      'A database the bot needs stopped answering, so what you asked may or may not have been done. In a moment, check whether it was, and try again if not. If it keeps happening, tell whoever runs the bot.',
    );
    expect(unreachableReply(new Error('syntax error at or near "selec"'), 'discord')).toBeNull();
    expect(unreachableReply(Object.assign(new Error('duplicate key'), { code: '23505' }), 'console')).toBeNull();
  });
});

describe('onDatabase: whether a change was made', () => {
  const on = (asked: Asked) => onDatabase({ where: WHERE }, 'state', asked);
  const caught = (p: Promise<unknown>) => p.then(() => null, (e: unknown) => e as DatabaseUnreachableError);

  it.each<[string, Asked, (steps: ReturnType<typeof on>) => Promise<unknown>, 'no' | 'unknown']>([
    ['a read that never connected', READ, (s) => s.read(failing(REFUSED)), 'no'],
    ['a read cut mid-way: still nothing changed', READ, (s) => s.read(failing(LOST)), 'no'],
    ['a change whose read failed: not made', REMOVE, (s) => s.read(failing(LOST)), 'no'],
    ['a change whose write never connected: not made', REMOVE, async (s) => (await s.read(ok), s.write(failing(REFUSED))), 'no'],
    ['a change whose write was cut: may or may not', REMOVE, async (s) => (await s.read(ok), s.write(failing(LOST))), 'unknown'],
    ['a change whose second write never connected after a first went through: may or may not', REMOVE, async (s) => (await s.write(ok), s.write(failing(REFUSED))), 'unknown'],
  ])('%s', async (_, asked, run, made) => {
    const err = await caught(run(on(asked)));
    expect(err).toBeInstanceOf(DatabaseUnreachableError);
    expect(err).toMatchObject({ database: 'state', where: WHERE, asked, made, cause: expect.any(Error) });
  });

  it('lets every other error through unchanged', async () => {
    const bug = new Error('column "topik" does not exist');
    await expect(on(REMOVE).write(failing(bug))).rejects.toBe(bug);
  });
});
