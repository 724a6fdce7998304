import { afterEach, describe, expect, it } from 'vitest';
import { PassThrough } from 'node:stream';
import { runConsole } from '../../src/cli/console.ts';
import { consolePoster, consolePush, readPushLine } from '../../src/cli/push.ts';
import { Push } from '../../src/push/push.ts';
import { createLogger } from '../../src/log.ts';
import { pushRig, PUSH_DEFAULTS, type PushRig } from '../push/support.ts';
import { memoryStore } from '../../src/store/memory.ts';

describe('watches and schedules at the local console', () => {
  let rig: PushRig;
  afterEach(async () => {
    await rig?.close();
  });

  it('reads options as in Discord, `name: value` running to the next option, bare words first', () => {
    expect(readPushLine(['add', 'topic:', 'militia', 'rocket', 'attacks'])).toEqual({ sub: 'add', options: { topic: 'militia rocket attacks' }, rest: '' });
    expect(readPushLine(['add', 'command:brief', 'topic:embassy', 'drawdown', 'time:07:00', 'timezone:', 'Europe/London'])).toEqual({
      sub: 'add',
      options: { command: 'brief', topic: 'embassy drawdown', time: '07:00', timezone: 'Europe/London' },
      rest: '',
    });
    expect(readPushLine(['remove', '3'])).toEqual({ sub: 'remove', options: {}, rest: '3' });
  });

  it('adds and lists watches and schedules, and prints an alert into the console when a matching article arrives', async () => {
    rig = await pushRig('sqlite');
    const output = new PassThrough();
    let text = '';
    output.on('data', (c) => (text += String(c)));
    // The console's push posts into the console itself.
    rig.push = new Push({ database: rig.database, corpus: memoryStore(() => rig.library), poster: consolePoster(output), config: PUSH_DEFAULTS, logger: createLogger({ level: 'silent' }), clock: rig.clock });
    rig.push.start();
    const input = new PassThrough();
    const done = runConsole(rig.library, input, output, { push: rig.push });
    const type = async (line: string, expected: RegExp) => {
      input.write(`${line}\n`);
      for (let i = 0; i < 400 && !expected.test(text); i++) await new Promise((r) => setTimeout(r, 5));
      expect(text).toMatch(expected);
    };
    await type('/watch add topic: militia rocket attacks', /Watch #1 saved: new articles on “militia rocket attacks” will be printed here as they arrive, with the sentences that match, verbatim\.\nArticles already in the corpus are not alerted; \/brief militia rocket attacks shows what they say\./);
    await type('/watch list', /Watches · 1 \(1 active\)[\s\S]*#1 +militia rocket attacks/);
    await type('/watch pause', /give the watch's number, e.g. \/watch pause 3/);
    await type('/schedule add command:brief topic: embassy time:07:00 timezone:Europe/London days:weekdays', /Schedule #1 saved: \/brief embassy at 07:00 Europe\/London, weekdays; first on Fri 4 Dec 07:00\./);
    await type('/schedule list', /Schedules · 1 \(1 active\)/);
    // Discord's lists for everyone answer at the console as /watch list and /schedule list do.
    await type('/watches', /Watches · 1 \(1 active\)[\s\S]*Watches · 1 \(1 active\)[\s\S]*#1 +militia rocket attacks/);
    await type('/schedules', /Schedules · 1 \(1 active\)[\s\S]*Schedules · 1 \(1 active\)/);
    await type('/schedule add command:brief time:25:00 timezone:UTC', /time must be HH:MM on a 24-hour clock/);
    await rig.arrive();
    expect(text).toMatch(/🔔 Watch · militia rocket attacks — 1 new article\n─+\n 1\. 000-[0-9a-z]{4} /);
    input.end();
    await done;
  });

  it('says how to add a watch or a schedule as the console types it and where it prints, not "to a channel"', async () => {
    rig = await pushRig('sqlite');
    const watches = await consolePush(rig.push, rig.library, 'watch', ['list']);
    expect(watches).toContain('Note: No watches yet: /watch add topic: <words> prints new articles on a topic here as they arrive.');
    expect(watches).not.toMatch(/channel/);
    const schedules = await consolePush(rig.push, rig.library, 'schedule', ['list']);
    expect(schedules).toContain('Note: No schedules yet: /schedule add command:brief time:07:00 timezone:Europe/London prints a briefing here every morning.');
  });
});
