/**
 * A status and the version at which it was taken (`statusVersion`): what a membership or a
 * participant's part in a meeting is, or what the member was last told of it.
 */
export interface Standing<S extends string = string> {
  status: S;
  statusVersion: number;
}
