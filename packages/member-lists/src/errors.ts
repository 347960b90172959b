/** A file that cannot be read as a member list at all (not a row problem): the message says why. */
export class UnreadableFile extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UnreadableFile';
  }
}
