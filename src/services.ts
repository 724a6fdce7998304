/**
 * What the doors (Discord, the console, the CLI) reach besides the corpus: the state database and the
 * parts that bring articles in (intake) or post on their own (push). Made once in src/main.ts; each is
 * null where it is not running (a test, the CLI). A door passes `Services` to the commands that need
 * them; the answers themselves never see it.
 */
import type { Database } from './db/database.ts';
import type { Fetcher } from './fetch/fetch.ts';
import type { Push } from './push/push.ts';
import type { IntakeService } from './intake/service.ts';

export interface Services {
  /** The state database (feeds, watches, schedules, what was posted). */
  database: Database | null;
  /** The one guarded fetcher for links, feeds and attachments. */
  fetcher: Fetcher | null;
  /** Links, attached files and feeds becoming corpus files (/add, /feed). */
  intake: IntakeService | null;
  /** Watches and schedules (src/push): managed from any process, posting only where it was started. */
  push: Push | null;
}

/** No services: for tests and doors that answer from the corpus only. */
export const NO_SERVICES: Services = { database: null, fetcher: null, intake: null, push: null };
