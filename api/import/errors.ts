/** A file that cannot be read as a plan document; the message says in Chinese what to supply instead. */
export class PlanFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "PlanFileError";
  }
}
