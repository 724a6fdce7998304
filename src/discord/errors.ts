/**
 * An expected failure the user can fix (a bad option, an expired button): its message is shown to them,
 * ephemerally, as is. A database that cannot be reached is answered as such (src/db/unreachable.ts).
 * Anything else thrown while answering is a bug: logged, answered with an apology.
 */
export class UserError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UserError';
  }
}

/** The generic apology for a bug (details go to the log, never to the channel). */
export const APOLOGY = 'Sorry, something went wrong on my side while answering. It has been logged; please try again.';
