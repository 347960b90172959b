import type { TFunction } from 'i18next';

/**
 * The networks the form offers as chips. There is no API that lists networks yet, so the ones this
 * platform serves are named here (their descriptions in the catalogs, `network.<id>`); a member of
 * another network types its id.
 */
export const KNOWN_NETWORKS = ['eu4culture', 'eunic-caucasus-central-asia'] as const;

export function networkLabel(t: TFunction, id: string): string {
  return t(`network.${id}`, { defaultValue: id });
}
