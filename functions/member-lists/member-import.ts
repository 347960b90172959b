import { isDeepStrictEqual } from 'node:util';
import { approvedNetworks, membershipStatus, type Locale, type Profile, type ProfileData } from '@culturebridge/domain';
import { type ImportPlan } from '@culturebridge/member-lists';
import { addressHash, type AddressBook, type MatchStore, type ProfileStore } from '@culturebridge/store';

export interface MemberImportDeps {
  profiles: ProfileStore;
  addresses: AddressBook;
  matches: MatchStore;
  /** Mails the member a link to review and confirm the profile a coordinator imported, in `locale` (English when absent). */
  invite: (email: string, profileId: string, at: Date, locale?: Locale) => Promise<void>;
  newId: () => string;
  now: () => string;
}

export type RowOutcome = 'created' | 'updated' | 'unchanged';

export interface ImportSummary {
  created: number;
  updated: number;
  unchanged: number;
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
function merged(existing: Profile, imported: ProfileData, networkId: string): ProfileData {
  const { locale: _listLocale, mailFrequency: _listFrequency, ...data } = imported;
  return {
    ...data,
    networks: existing.networks.includes(networkId) ? existing.networks : [...existing.networks, networkId],
    matchEmails: existing.matchEmails,
    ...(existing.mailFrequency !== undefined ? { mailFrequency: existing.mailFrequency } : {}),
    ...(existing.locale !== undefined ? { locale: existing.locale } : {}),
  };
}

const DATA_FIELDS = ['kind', 'name', 'country', 'region', 'networks', 'contact', 'themes', 'freeTags', 'formats', 'offers', 'needs', 'languages', 'fundingInstruments', 'availability', 'openToOutsideNetwork', 'matchEmails', 'description'] as const;
// Deep equality, not JSON text: DynamoDB returns a map's keys in any order.
const sameData = (a: ProfileData, b: ProfileData) => DATA_FIELDS.every((f) => isDeepStrictEqual(a[f], b[f]));

/** The profile of this contact address that names the network (or the address's profile to add it to). */
async function existingProfile(deps: MemberImportDeps, email: string, networkId: string): Promise<Profile | undefined> {
  const { profiles: ids } = await deps.addresses.ownedBy(addressHash(email));
  if (ids.length === 0) return undefined;
  const found = [...(await deps.matches.profiles(ids)).values()].filter((p) => p.contact.email === email);
  return found.find((p) => p.networks.includes(networkId)) ?? (found.length === 1 ? found[0] : undefined);
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
 * partners until they confirm. An existing member gets the list's data (their own mail preference
 * kept) and an approved membership. `dryRun` decides every row the same way and writes nothing.
 * `onRow` reports progress (rows done).
 */
export async function importMembers(deps: MemberImportDeps, networkId: string, plan: ImportPlan, options: { dryRun: boolean; onRow?: (done: number) => void }): Promise<ImportResult> {
  const outcomes: ImportResult['outcomes'] = [];
  let done = 0;
  await eachLimited(plan.valid, 8, async (row) => {
    const email = row.profile.contact.email;
    const existing = await existingProfile(deps, email, networkId);
    let outcome: RowOutcome;
    if (!existing) {
      outcome = 'created';
      if (!options.dryRun) {
        const at = new Date(deps.now());
        const profile = await deps.profiles.create(row.profile, { id: deps.newId(), status: 'pending', now: at.toISOString(), membership: 'approved' });
        await deps.invite(email, profile.id, at, row.profile.locale);
      }
    } else {
      const next = merged(existing, row.profile, networkId);
      const approved = membershipStatus(existing, networkId) === 'approved';
      outcome = sameData(existing, next) && approved ? 'unchanged' : 'updated';
      if (outcome === 'updated' && !options.dryRun) {
        const at = deps.now();
        if (!sameData(existing, next)) {
          const result = await deps.profiles.update(existing.id, existing.version, next, at);
          if (result.outcome !== 'ok') throw new Error(`member in row ${row.rowNumber} changed during the import (${result.outcome}); import again`);
        }
        if (!approvedNetworks({ networks: next.networks, memberships: (await deps.profiles.get(existing.id))?.memberships }).includes(networkId)) {
          await deps.profiles.setMembership(existing.id, networkId, 'approved', at);
        }
      }
    }
    outcomes.push({ rowNumber: row.rowNumber, name: row.profile.name, outcome });
    options.onRow?.(++done);
  });
  outcomes.sort((a, b) => a.rowNumber - b.rowNumber);
  const count = (o: RowOutcome) => outcomes.filter((r) => r.outcome === o).length;
  return { summary: { created: count('created'), updated: count('updated'), unchanged: count('unchanged'), invalid: plan.invalidRows }, outcomes };
}
