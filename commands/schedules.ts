import { InteractionContextType, SlashCommandBuilder } from 'discord.js';
import type { Command } from '../src/discord/command.ts';
import { respondScheduleList } from '../src/discord/push.ts';

/** `/schedules`: the server's scheduled answers, for everyone (managing them is `/schedule`). */
export const schedules = {
  data: new SlashCommandBuilder()
    .setName('schedules')
    .setDescription("This server's scheduled briefings: what, when, where, the last and next runs")
    .setContexts(InteractionContextType.Guild)
    .addIntegerOption((o) => o.setName('page').setDescription('Page of the list').setMinValue(1)),
  defer: false,
  execute: (interaction, ctx) => respondScheduleList(interaction, ctx),
} satisfies Command;
