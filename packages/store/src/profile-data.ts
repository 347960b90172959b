import { isDeepStrictEqual } from 'node:util';
import { ProfileInput, type ProfileData } from '@culturebridge/domain';

/** Every field a profile's owner (or a list) writes: the input schema's, so a field added there is compared too. */
const PROFILE_FIELDS = Object.keys(ProfileInput.shape) as (keyof ProfileData)[];

/**
 * Whether two profiles hold the same data, field by field: deep equality, not JSON text, as
 * DynamoDB returns a map's keys in any order. For recognising a write that already happened (a
 * retried update, a list imported again).
 */
export function sameProfileData(a: ProfileData, b: ProfileData): boolean {
  return PROFILE_FIELDS.every((field) => isDeepStrictEqual(a[field], b[field]));
}
