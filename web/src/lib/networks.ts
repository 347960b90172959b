/**
 * The networks the form offers as chips. There is no API that lists networks yet, so the ones this
 * platform serves are named here; a member of another network types its id.
 */
export const KNOWN_NETWORKS = [
  { id: 'eu4culture', label: 'EU4Culture: cities of Armenia, Azerbaijan, Georgia, Moldova and Ukraine' },
  { id: 'eunic-caucasus-central-asia', label: 'EUNIC clusters of the Caucasus and Central Asia' },
] as const;

export function networkLabel(id: string): string {
  return KNOWN_NETWORKS.find((n) => n.id === id)?.label ?? id;
}
