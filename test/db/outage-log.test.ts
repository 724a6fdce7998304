import { describe, expect, it } from 'vitest';
import { OutageLog } from '../../src/db/outage-log.ts';
import { DatabaseUnreachableError } from '../../src/db/unreachable.ts';
import { createLogger } from '../../src/log.ts';

const STATE = 'postgres://bot@state.example:5432/bot';
const ARCHIVE = 'postgres://bot@archive.example:5432/news';
const down = (database: 'state' | 'archive', where: string) => new DatabaseUnreachableError(database, where, { read: 'the watches' }, 'no', { cause: new Error('connect ECONNREFUSED') });

describe('OutageLog', () => {
  it('keeps each database on its own: a second one going down is said, and only the one a job used answers again', () => {
    const lines: string[] = [];
    const outage = new OutageLog(createLogger({ level: 'debug' }, { write: (l) => lines.push(l) }), 'state', STATE, 'watches and schedules');
    const said = () => lines.map((l) => (JSON.parse(l) as { msg: string }).msg);
    expect(outage.failed(down('archive', ARCHIVE))).toBe(true);
    expect(outage.failed(down('archive', ARCHIVE))).toBe(true);
    expect(outage.failed(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }))).toBe(true); // the job's own role: state
    expect(outage.failed(new Error('a bug'))).toBe(false);
    expect(said()).toEqual([
      `the archive (${ARCHIVE}) cannot be reached: watches and schedules wait until it answers (checked again at each tick; no change is lost)`,
      `the state database (${STATE}) cannot be reached: watches and schedules wait until it answers (checked again at each tick; no change is lost)`,
    ]);
    outage.answered(['state']);
    expect(outage.down('archive')).toBe(true);
    expect(outage.down('state')).toBe(false);
    outage.answered(['state', 'archive']);
    expect(said().slice(2)).toEqual([`the state database (${STATE}) answers again: watches and schedules carry on`, `the archive (${ARCHIVE}) answers again: watches and schedules carry on`]);
    expect(outage.down()).toBe(false);
  });
});
