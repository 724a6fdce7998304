/** The bot's log lines as tests read them (pino JSON, one record a line). */

/** The dispatcher's record of one interaction (written last, when the bot is done with it), if there yet. */
export function interactionLog(lines: readonly string[], id: string): Record<string, any> | undefined {
  for (const l of lines) {
    if (!l.includes(id)) continue;
    const rec = JSON.parse(l) as Record<string, any>;
    if (rec.msg === 'interaction' && rec.interaction === id) return rec;
  }
  return undefined;
}
