/** A thing that does not exist, or that the viewer may not see: both answer the same (404). */
export class NotFoundError extends Error {
  readonly code = 'not-found';
  constructor(what: string) {
    super(`${what} was not found`);
  }
}
