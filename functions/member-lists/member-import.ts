import { membershipStatus, type Locale, type Profile, type ProfileData } from '@culturebridge/domain';
import { type ImportPlan } from '@culturebridge/member-lists';
import { addressHash, sameProfileData, type AddressBook, type MatchStore, type ProfileStore } from '@culturebridge/store';

export interface MemberImportDeps {
  profiles: ProfileStore;
  addresses: AddressBook;
  matches: MatchStore;
  /** Mails the member a link to review and confirm the profile a coordinator imported, in `locale` (English when absent). */
  invite: (email: string, profileId: string, at: Date, locale?: Locale) => Promise<void>;
  newId: () => string;
  now: () => string;
}

/**
 * What a valid row does. `kept`: the address already has a profile its member confirmed (in this
 * network or only in others); a list never changes it, nor adds a network to it.
 */
export type RowOutcome = 'created' | 'updated' | 'unchanged' | 'kept';

export interface ImportSummary {
  created: number;
  updated: number;
  unchanged: number;
  kept: number;
  invalid: number;
}

export interface ImportResult {
  summary: ImportSummary;
  /** Each valid row's outcome (what it did, or would do on a dry run). */
  outcomes: { rowNumber: number; name: string; outcome: RowOutcome }[];
}

/**
 * The fields a coordinator's list sets. The member's own preferences (matchEmails, mailFrequency,
 * locale) are theirs: a list's language only chooses a new member's first mails.
 */
function merged(existing: Profile, imported: ProfileData): ProfileData {
  const { locale: _listLocale, mailFrequency: _listFrequency, ...data } = imported;
  return {
    ...data,
    networks: existing.networks,
    matchEmails: existing.matchEmails,
    ...(existing.mailFrequency !== undefined ? { mailFrequency: existing.mailFrequency } : {}),
    ...(existing.locale !== undefined ? { locale: existing.locale } : {}),
  };
}


/**
 * Who the row's address is. `listed`: a profile an import of this network made and nobody has
 * confirmed yet (pending, naming only this network, its membership approved from the start), so
 * the list may fill it in. `member`: any other profile of the address, which its member wrote or
 * confirmed; `profile` when it names this network, absent when the address's profiles are all in
 * other networks. A coordinator's rights end at its network and at what members wrote themselves
 * (PUT /profiles/{id} refuses coordinators too).
 */
type Existing = { kind: 'new' } | { kind: 'listed'; profile: Profile } | { kind: 'member'; profile?: Profile };

async function existingProfile(deps: MemberImportDeps, email: string, networkId: string): Promise<Existing> {
  const { profiles: ids } = await deps.addresses.ownedBy(addressHash(email));
  if (ids.length === 0) return { kind: 'new' };
  const owned = [...(await deps.matches.profiles(ids)).values()];
  const inNetwork = owned.find((p) => p.contact.email === email && p.networks.includes(networkId));
  const listed = inNetwork?.status === 'pending' && inNetwork.networks.length === 1 && membershipStatus(inNetwork, networkId) === 'approved';
  if (listed) return { kind: 'listed', profile: inNetwork };
  return inNetwork ? { kind: 'member', profile: inNetwork } : { kind: 'member' };
}

/** Bounded parallelism: a 5 000-row list must not open 5 000 requests at once. */
async function eachLimited<T>(items: readonly T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) await work(items[next++] as T);
    }),
  );
}

/**
 * Upserts the plan's valid rows into the network by contact address, so importing the same list
 * again changes nothing. A new member is created `pending` with the membership approved (the
 * coordinator vouches for it) and mailed an invitation: nothing about them is matched or shown to
 * partners until they confirm. A profile an earlier import made that is still unconfirmed gets the
 * list's data (its own mail preferences kept). Any other profile of the address is `kept` as its
 * member wrote it; if it is active and asked to join this network, listing it approves the request. `dryRun`
 * decides every row the same way and writes nothing. `onRow` reports progress (rows done).
 */
export async function importMembers(deps: MemberImportDeps, networkId: string, plan: ImportPlan, options: { dryRun: boolean; onRow?: (done: number) => void }): Promise<ImportResult> {
  const outcomes: ImportResult['outcomes'] = [];
  let done = 0;
  await eachLimited(plan.valid, 8, async (row) => {
    const email = row.profile.contact.email;
    const existing = await existingProfile(deps, email, networkId);
    let outcome: RowOutcome;
    if (existing.kind === 'new') {
      outcome = 'created';
      if (!options.dryRun) {
        const at = new Date(deps.now());
        const profile = await deps.profiles.create(row.profile, { id: deps.newId(), status: 'pending', now: at.toISOString(), membership: 'approved' });
        await deps.invite(email, profile.id, at, row.profile.locale);
      }
    } else if (existing.kind === 'member') {
      outcome = 'kept';
      const profile = existing.profile;
      // Listing a member that asked to join approves it; a withdrawn profile is left alone.
      if (profile?.status === 'active' && membershipStatus(profile, networkId) !== 'approved' && !options.dryRun) {
        await deps.profiles.setMembership(profile.id, networkId, 'approved', deps.now());
      }
    } else {
      // A listed profile's membership is approved already (see existingProfile): only its data may change.
      const current = existing.profile;
      const next = merged(current, row.profile);
      outcome = sameProfileData(current, next) ? 'unchanged' : 'updated';
      if (outcome === 'updated' && !options.dryRun) {
        const result = await deps.profiles.update(current.id, current.version, next, deps.now());
        if (result.outcome !== 'ok') throw new Error(`member in row ${row.rowNumber} changed during the import (${result.outcome}); import again`);
      }
    }
    outcomes.push({ rowNumber: row.rowNumber, name: row.profile.name, outcome });
    options.onRow?.(++done);
  });
  outcomes.sort((a, b) => a.rowNumber - b.rowNumber);
  const count = (o: RowOutcome) => outcomes.filter((r) => r.outcome === o).length;
  return { summary: { created: count('created'), updated: count('updated'), unchanged: count('unchanged'), kept: count('kept'), invalid: plan.invalidRows }, outcomes };
}
