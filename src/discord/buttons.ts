/**
 * Button custom ids: they carry the state a press needs (command, query, action, page) so the bot can
 * recompute the page from the pure answer function. Ids are at most 100 characters; a query too long to
 * fit is kept in a small in-memory cache with expiry and the id carries its key instead.
 *
 * Format: `nb1|<action>|<command>|<position>|<query>` or `nb1|<action>|<command>|<position>|#<key>`, where
 * `<action>` is p (page), s (sources) or e (export) and `<position>` is the answer's page, then `.<n>` for a
 * page of its Sources view (its own buttons) and `a` for the answer without its default limit ("Show
 * all"): `2`, `2.1`, `0a`. Ids made before these parts existed (a bare page) still read. A new action is a
 * new one-letter code in ACTIONS; a new part of the position, a new suffix: the other fields stay where they are.
 */
import type { CommandName } from '../answer/types.ts';
import type { ButtonAction } from './render.ts';
import { LIMITS } from './limits.ts';

const PREFIX = 'nb1';
const ACTIONS: Record<string, ButtonAction> = { p: 'page', s: 'sources', e: 'export' };
const CODES: Record<ButtonAction, string> = { page: 'p', sources: 's', export: 'e' };
const POSITION = /^(\d{1,4})(?:\.(\d{1,4}))?(a)?$/;

export interface ButtonState {
  action: ButtonAction;
  command: CommandName;
  page: number;
  query: string;
  /**
   * A page of the Sources view (its Previous / Next); absent on the Sources button of an answer, which
   * opens the view at its first page.
   */
  sub?: number;
  /** The answer without its default limit (absent: the default answer). */
  all?: boolean;
}

/** Long queries by key, forgotten after `ttlMs` (Discord's interaction tokens live 15 minutes). */
export class QueryCache {
  readonly #entries = new Map<string, { query: string; expires: number }>();
  #next = 0;
  constructor(
    readonly ttlMs = 60 * 60 * 1000,
    readonly maxEntries = 1000,
    readonly now: () => number = Date.now,
  ) {}

  put(query: string): string {
    for (const [key, e] of this.#entries) if (e.query === query && e.expires > this.now()) return key;
    if (this.#entries.size >= this.maxEntries) this.#entries.delete(this.#entries.keys().next().value!);
    const key = (this.#next++).toString(36) + Math.random().toString(36).slice(2, 6);
    this.#entries.set(key, { query, expires: this.now() + this.ttlMs });
    return key;
  }

  get(key: string): string | undefined {
    const e = this.#entries.get(key);
    if (!e) return undefined;
    if (e.expires <= this.now()) {
      this.#entries.delete(key);
      return undefined;
    }
    return e.query;
  }
}

/** Encodes a button's state as a custom id of at most 100 characters. */
export function encodeButton(state: ButtonState, cache: QueryCache): string {
  const position = `${state.page}${state.sub !== undefined ? `.${state.sub}` : ''}${state.all ? 'a' : ''}`;
  const head = `${PREFIX}|${CODES[state.action]}|${state.command}|${position}|`;
  const id = head + state.query;
  return id.length <= LIMITS.customId ? id : `${head}#${cache.put(state.query)}`;
}

/** Decodes a custom id: the state, `expired` when its cached query is gone, or null when it is not ours. */
export function decodeButton(customId: string, cache: QueryCache, commands: readonly string[]): ButtonState | 'expired' | null {
  const parts = customId.split('|');
  if (parts.length < 5 || parts[0] !== PREFIX) return null;
  const action = ACTIONS[parts[1]!];
  const command = parts[2]!;
  const position = POSITION.exec(parts[3]!);
  if (!action || !commands.includes(command) || !position) return null;
  const page = Number(position[1]);
  const sub = position[2] === undefined ? undefined : Number(position[2]);
  if (page > 1000 || (sub ?? 0) > 1000) return null;
  let query = parts.slice(4).join('|');
  if (query.startsWith('#')) {
    const found = cache.get(query.slice(1));
    if (found === undefined) return 'expired';
    query = found;
  }
  return { action, command: command as CommandName, page, query, ...(sub !== undefined ? { sub } : {}), ...(position[3] ? { all: true } : {}) };
}
