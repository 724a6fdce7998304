/** An export that cannot be made from this answer (wrong command, wrong format): its message says why. */
export class ExportError extends Error {
  override name = 'ExportError';
  constructor(message: string) {
    super(`export: ${message}`);
  }
}
