import { InteractionContextType, PermissionFlagsBits, SlashCommandBuilder } from 'discord.js';
import type { Command } from '../src/discord/command.ts';
import { readText } from '../src/discord/options.ts';
import { MAX_OPTION_LENGTH } from '../src/discord/text.ts';
import { UserError } from '../src/discord/errors.ts';
import { asked, POSTABLE_CHANNEL_TYPES, postableChannel, pushOf, readInteger, respondScheduleList, withManagement } from '../src/discord/push.ts';
import { noticeAnswer } from '../src/push/answers.ts';
import { describeDays, describeInstant } from '../src/push/calendar.ts';
import type { ScheduleRow } from '../src/push/store.ts';

const what = (s: Pick<ScheduleRow, 'id' | 'command' | 'topic'>) => `Schedule #${s.id} (/${s.command}${s.topic ? ` ${s.topic}` : ''})`;

/**
 * `/schedule add|list|remove|pause|resume`: a command's answer posted to a channel at a local time.
 * Managing schedules defaults to members who can Manage Channels; `/schedules` lists them for everyone.
 */
export const schedule = {
  data: withManagement(
    new SlashCommandBuilder()
      .setName('schedule')
      .setDescription('Post a briefing, timeline or who’s who to a channel at a set time')
      .setContexts(InteractionContextType.Guild)
      .setDefaultMemberPermissions(PermissionFlagsBits.ManageChannels)
      .addSubcommand((s) =>
        s
          .setName('add')
          .setDescription('Post a command’s answer at a local time, every day or on chosen days')
          .addStringOption((o) =>
            o.setName('command').setDescription('What to post').setRequired(true).addChoices({ name: 'brief', value: 'brief' }, { name: 'timeline', value: 'timeline' }, { name: 'who', value: 'who' }),
          )
          .addStringOption((o) => o.setName('time').setDescription('Local time, 24-hour HH:MM, e.g. 07:00').setMaxLength(5).setRequired(true))
          .addStringOption((o) => o.setName('timezone').setDescription('Time zone name, e.g. Europe/London, America/New_York, UTC').setMaxLength(64).setRequired(true))
          .addStringOption((o) => o.setName('topic').setDescription('Topic, name or nothing for the whole corpus').setMaxLength(MAX_OPTION_LENGTH))
          .addStringOption((o) => o.setName('days').setDescription('every day (default), weekdays, or days such as mon,wed,fri').setMaxLength(60))
          .addChannelOption((o) => o.setName('channel').setDescription('Where to post (default: this channel)').addChannelTypes(...POSTABLE_CHANNEL_TYPES)),
      ),
    'schedule',
    { list: "This server's schedules: when, where, last and next runs, runs missed", pause: 'Pause a schedule', resume: 'Resume a paused schedule from its next time' },
  ),
  defer: false,
  async execute(interaction, ctx) {
    const push = pushOf(ctx);
    const guildId = interaction.guildId;
    if (!guildId) throw new UserError('Schedules belong to a server: use /schedule in a server channel.');
    const library = ctx.library();
    const say = (...notes: string[]) => ctx.respond(noticeAnswer(library, 'schedule', 'Schedule', notes), { ephemeral: true });
    switch (interaction.options.getSubcommand()) {
      case 'add': {
        const command = readText(interaction, 'command');
        const topic = readText(interaction, 'topic');
        const channel = postableChannel(interaction);
        const s = await asked(() =>
          push.addSchedule({ guildId, channelId: channel.id, command, topic, time: readText(interaction, 'time'), timezone: readText(interaction, 'timezone'), days: readText(interaction, 'days'), createdBy: interaction.user.id }),
        );
        return say(
          `${what(s)} saved: posted to ${channel.name} at ${s.time} ${s.timezone}, ${describeDays(s.days)}; first on ${describeInstant(Date.parse(s.next_run_at), s.timezone)}.`,
          'Each run marks new what arrived since the run before it (the first run: since now).',
        );
      }
      case 'list':
        return respondScheduleList(interaction, ctx);
      case 'remove': {
        const s = await asked(() => push.removeSchedule(guildId, readInteger(interaction, 'id', true)));
        return say(`${what(s)} removed.`);
      }
      case 'pause': {
        const s = await asked(() => push.pauseSchedule(guildId, readInteger(interaction, 'id', true)));
        return say(`${what(s)} paused until /schedule resume id:${s.id}.`);
      }
      case 'resume': {
        // Check the channel again first, as /watch resume does.
        let channel = { name: '' };
        const s = await asked(() => push.resumeSchedule(guildId, readInteger(interaction, 'id', true), (found) => void (channel = postableChannel(interaction, found.channel_id))));
        return say(`${what(s)} resumed: next posted to ${channel.name} on ${describeInstant(Date.parse(s.next_run_at), s.timezone)} (runs missed while paused are not caught up).`);
      }
      default:
        throw new UserError('Use /schedule add, list, remove, pause or resume.');
    }
  },
} satisfies Command;
