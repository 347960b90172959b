import { membershipStatus, type ImportSummary, type Locale, type Profile, type ProfileData } from '@culturebridge/domain';
import { type ImportPlan } from '@culturebridge/member-lists';
import { addressHash, DuplicateSubmission, sameProfileData, type AddressBook, type MatchStore, type ProfileStore } from '@culturebridge/store';

export interface MemberImportDeps {
  profiles: ProfileStore;
  addresses: AddressBook;
  matches: MatchStore;
  /** Mails the member a link to review and confirm the profile a coordinator imported (just created: at hand, not read again), in `locale` (English when absent). */
  invite: (email: string, profile: Pick<Profile, 'id' | 'name' | 'networks'>, at: Date, locale?: Locale) => Promise<void>;
  newId: () => string;
  now: () => string;
}

/**
 * What a valid row does. `kept`: the address already has a profile its member confirmed (in this
 * network or only in others); a list never changes it, nor adds a network to it.
 */
export type RowOutcome = 'created' | 'updated' | 'unchanged' | 'kept';

export type { ImportSummary };

export interface ImportResult {
  /** The rows this call covered, by outcome; `invalid` counts the whole file's invalid rows. */
  summary: ImportSummary;
  /** Each covered row's outcome (what it did, or would do on a dry run), in row order. */
  outcomes: { rowNumber: number; name: string; outcome: RowOutcome }[];
  /** The first valid row not yet imported, when the time slice ran out first; absent once every row is done. */
  continueFromRow?: number;
  /** Valid rows done (by earlier calls, before `fromRow`, and by this one) of all the file's valid rows. */
  progress: { done: number; total: number };
}

/**
 * How long one import call takes new rows, in ms. The function has 29 s (the HTTP API's integration
 * limit is 30 s); parsing a 4 MB file, the rows still in flight when the slice ends (each a few
 * requests and a mail, SES throttling retried) and the answer need the rest. A 5 000-row list took
 * 30 s on DynamoDB Local (bench/results/member-import.md), and SES sends 14 mails a second in a new
 * account, so a large list is imported in several calls.
 */
export const IMPORT_SLICE_MS = 20_000;

export interface ImportOptions {
  dryRun: boolean;
  /** Continue at this row (rows before it are done); the first valid row when absent. */
  fromRow?: number;
  /** Stop taking new rows after this many ms (at least one row is always done); no limit when absent. A dry run always covers every row. */
  sliceMs?: number;
  /** Monotonic ms for the slice; `performance.now` when absent. */
  clock?: () => number;
  /** Called after each row with how many rows this call has done (the CLI's progress bar). */
  onRow?: (done: number) => void;
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

/** A listed member changed by someone else while its row was imported (409: import the list again). */
export class RowChanged extends Error {
  constructor(readonly rowNumber: number) {
    super(`the member in row ${rowNumber} changed while the list was imported; import the list again`);
    this.name = 'RowChanged';
  }
}

/**
 * How long an imported address is created only once per network, in s: longer than any import
 * call and its retries, so that two calls of one list at the same time (a retry while the first
 * still runs, two tabs, two coordinators) create one profile. After it, a new import finds the
 * profile by its address.
 */
const CREATED_ONCE_S = 3600;

/**
 * Creates a listed member, once per network and address (the key is the address's hash, no
 * personal data). Undefined when another call of this import created it first: that call has
 * mailed the invitation. A profile created so and erased since does not block a new one.
 */
async function createListed(deps: MemberImportDeps, data: ProfileData, networkId: string, at: Date): Promise<Profile | undefined> {
  const once = { key: `member-import#${networkId}#${addressHash(data.contact.email)}`, expiresAt: Math.floor(at.getTime() / 1000) + CREATED_ONCE_S };
  const create = (replaces?: string) =>
    deps.profiles.create(data, { id: deps.newId(), status: 'pending', now: at.toISOString(), membership: 'approved', once: replaces ? { ...once, replaces } : once });
  try {
    return await create();
  } catch (error) {
    if (!(error instanceof DuplicateSubmission)) throw error;
    if (await deps.profiles.get(error.profileId)) return undefined;
    return create(error.profileId);
  }
}

/**
 * Bounded parallelism: a 5 000-row list must not open 5 000 requests at once. Items are started in
 * order while `mayStart(started)` says so (asked before each but the first); returns how many were
 * started, all finished: always a prefix of `items`. Once one fails, no other is started (the
 * answer is an error; rows must not go on being written behind it).
 */
async function eachLimited<T>(items: readonly T[], limit: number, work: (item: T) => Promise<void>, mayStart: (started: number) => boolean): Promise<number> {
  let next = 0;
  let failed = false;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (!failed && next < items.length && (next === 0 || mayStart(next))) {
        try {
          await work(items[next++] as T);
        } catch (error) {
          failed = true;
          throw error;
        }
      }
    }),
  );
  return next;
}

/**
 * Upserts the plan's valid rows into the network by contact address, so importing the same list
 * again changes nothing. A new member is created `pending` with the membership approved (the
 * coordinator vouches for it) and mailed an invitation: nothing about them is matched or shown to
 * partners until they confirm. A profile an earlier import made that is still unconfirmed gets the
 * list's data (its own mail preferences kept). Any other profile of the address is `kept` as its
 * member wrote it; if it is active and asked to join this network, listing it approves the request. `dryRun`
 * decides every row the same way and writes nothing. An import takes rows in order until its time
 * slice (`sliceMs`) runs out and says where to continue (`continueFromRow`): every row is
 * idempotent, so a call repeated after a lost answer, or the whole file imported again, finds the
 * rows already done and changes nothing there.
 */
export async function importMembers(deps: MemberImportDeps, networkId: string, plan: ImportPlan, options: ImportOptions): Promise<ImportResult> {
  const outcomes: ImportResult['outcomes'] = [];
  const from = options.fromRow ?? 0;
  const rows = plan.valid.filter((row) => row.rowNumber >= from);
  const clock = options.clock ?? (() => performance.now());
  const started = clock();
  const slice = options.dryRun ? Infinity : (options.sliceMs ?? Infinity);
  const taken = await eachLimited(rows, 8, async (row) => {
    const email = row.profile.contact.email;
    const existing = await existingProfile(deps, email, networkId);
    let outcome: RowOutcome;
    if (existing.kind === 'new') {
      outcome = 'created';
      if (!options.dryRun) {
        const at = new Date(deps.now());
        const profile = await createListed(deps, row.profile, networkId, at);
        if (profile) await deps.invite(email, profile, at, row.profile.locale);
        else outcome = 'unchanged';
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
        if (result.outcome !== 'ok') {
          // Another call of this list got there first (a retry, a second tab): it holds the row now.
          const fresh = await deps.profiles.get(current.id);
          if (!fresh || !sameProfileData(fresh, merged(fresh, row.profile))) throw new RowChanged(row.rowNumber);
          outcome = 'unchanged';
        }
      }
    }
    outcomes.push({ rowNumber: row.rowNumber, name: row.profile.name, outcome });
    options.onRow?.(outcomes.length);
  }, () => clock() - started < slice);
  outcomes.sort((a, b) => a.rowNumber - b.rowNumber);
  const count = (o: RowOutcome) => outcomes.filter((r) => r.outcome === o).length;
  const rest = rows[taken];
  return {
    summary: { created: count('created'), updated: count('updated'), unchanged: count('unchanged'), kept: count('kept'), invalid: plan.invalidRows },
    outcomes,
    ...(rest ? { continueFromRow: rest.rowNumber } : {}),
    progress: { done: plan.valid.length - rows.length + taken, total: plan.valid.length },
  };
}
