/**
 * The Responder is the one place that picks the Discord call; these tests drive it with a recording
 * stand-in for a discord.js interaction (only the methods it calls) and check the sequence of calls.
 */
import { describe, expect, it } from 'vitest';
import { MessageFlags } from 'discord.js';
import { Responder, type Outgoing, type RepliableInteraction } from '../../src/discord/reply.ts';

function recorder(button: boolean) {
  const calls: Array<[string, any?]> = [];
  const record = (name: string) => async (arg?: unknown) => {
    calls.push(arg === undefined ? [name] : [name, arg]);
  };
  const interaction = {
    isButton: () => button,
    reply: record('reply'),
    deferReply: record('deferReply'),
    editReply: record('editReply'),
    deleteReply: record('deleteReply'),
    followUp: record('followUp'),
    update: record('update'),
    deferUpdate: record('deferUpdate'),
  } as unknown as RepliableInteraction;
  return { interaction, calls };
}

type Step = ['defer', 'reply' | 'update', boolean?] | ['send', Outgoing] | ['update', Outgoing];

async function run(button: boolean, steps: Step[]) {
  const { interaction, calls } = recorder(button);
  const r = new Responder(interaction);
  for (const s of steps) {
    if (s[0] === 'defer') await r.defer(s[1], s[2]);
    else if (s[0] === 'send') await r.send(s[1]);
    else await r.update(s[1]);
  }
  return { calls, names: calls.map((c) => c[0]), ack: r.ack };
}

const msg = { content: 'hello' };
const secret = { content: 'only you', ephemeral: true };

describe('Responder', () => {
  it.each<[string, boolean, Step[], string[], string]>([
    ['a fresh command is answered with reply', false, [['send', msg]], ['reply'], 'replied'],
    ['a deferred command is answered by editing the reply', false, [['defer', 'reply'], ['send', msg]], ['deferReply', 'editReply'], 'deferred-reply'],
    ['an ephemeral answer after a public defer removes the "thinking" and follows up privately', false, [['defer', 'reply'], ['send', secret]], ['deferReply', 'deleteReply', 'followUp'], 'deferred-reply'],
    ['an ephemeral answer after an ephemeral defer edits it', false, [['defer', 'reply', true], ['send', secret]], ['deferReply', 'editReply'], 'deferred-reply'],
    ['a second message after a reply is a follow-up', false, [['send', msg], ['send', msg]], ['reply', 'followUp'], 'replied'],
    ['a button page is answered by updating its message', true, [['update', msg]], ['update'], 'updated'],
    ['a deferred button page edits its message', true, [['defer', 'update'], ['update', msg]], ['deferUpdate', 'editReply'], 'deferred-update'],
    ['an error after a button defer goes out as a follow-up', true, [['defer', 'update'], ['send', secret]], ['deferUpdate', 'followUp'], 'deferred-update'],
    ['deferring twice sends one acknowledgement', false, [['defer', 'reply'], ['defer', 'reply'], ['send', msg]], ['deferReply', 'editReply'], 'deferred-reply'],
  ])('%s', async (_name, button, steps, expected, ack) => {
    const { names, ack: got } = await run(button, steps);
    expect(names).toEqual(expected);
    expect(got).toBe(ack);
  });

  it('every message carries allowed mentions parse [] and ephemeral ones the Ephemeral flag', async () => {
    const { calls } = await run(false, [['send', secret], ['send', msg]]);
    for (const [, body] of calls) expect(body.allowedMentions).toEqual({ parse: [] });
    expect(calls[0]![1].flags).toBe(MessageFlags.Ephemeral);
    expect(calls[1]![1].flags).toBeUndefined();
  });
});
