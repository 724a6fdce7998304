/**
 * The slash commands, in the order Discord lists them. This explicit list is the one both
 * `npm run deploy` (registration) and the dispatcher (answering) use.
 */
import type { Command } from '../src/discord/command.ts';
import { brief } from './brief.ts';
import { timeline } from './timeline.ts';
import { who } from './who.ts';
import { source } from './source.ts';
import { add } from './add.ts';
import { feed } from './feed.ts';
import { watch } from './watch.ts';
import { watches } from './watches.ts';
import { schedule } from './schedule.ts';
import { schedules } from './schedules.ts';

export const commands: readonly Command[] = [brief, timeline, who, source, add, feed, watch, watches, schedule, schedules];
