import { memberRecipients, nextExpiryStep, settingsForPair, sweepCutoff, type MatchNotice } from '@culturebridge/domain';
import type { MatchItem, MatchStore, NetworkSettingsStore } from '@culturebridge/store';
import type { DeliverDeps } from '@culturebridge/notifications/deliver';
import { tellMember } from '@culturebridge/notifications/member-notice';

export interface ExpireProposalsDeps extends DeliverDeps {
  matches: Pick<MatchStore, 'openProposedBefore' | 'markReminded' | 'put' | 'profiles' | 'match'>;
  networkSettings: Pick<NetworkSettingsStore, 'getMany'>;
  baseUrl: string;
}

/** The Scheduler's input: the scheduled time, so a retried run decides exactly as the original would. */
export interface SweepRun {
  scheduledTime?: string;
}

export interface SweepResult {
  /** Open matches old enough to look at. */
  examined: number;
  reminded: number;
  expired: number;
  /** Matches that changed while the sweep looked at them (an answer came in); the next run sees them afresh. */
  conflicts: number;
}

/**
 * expire-proposals, run hourly by EventBridge Scheduler (and by a timer under `npm start`): every
 * open match old enough per its networks' settings gets one reminder to the sides that have not
 * answered (as each chose: a mail now, or a line in its digest), and later expires. The expiry is a
 * conditional write of the match's state; the stream publishes MatchExpired, which frees the
 * exposure slots (compute-matches lets the next best partner in) and is mailed like other changes.
 * Reads the open-proposals index, never the table. Failures are rethrown after every match was
 * tried, so the Scheduler retries the run; reminders already sent are recognised by their records.
 */
export function createExpireProposalsHandler(deps: ExpireProposalsDeps) {
  async function remind(match: MatchItem, waitingFor: string[], at: string): Promise<boolean> {
    const profiles = await deps.matches.profiles(match.profileIds);
    const [a, b] = match.profileIds.map((id) => profiles.get(id));
    if (a && b) {
      const notice: MatchNotice = {
        matchId: match.matchId,
        profileIds: match.profileIds,
        names: [a.name, b.name],
        state: 'reminder',
        summary: match.summary,
        score: match.score,
        sharedNetworks: match.sharedNetworks,
        version: match.version,
        acceptedBy: match.profileIds.filter((id) => !waitingFor.includes(id)),
      };
      for (const recipient of memberRecipients([{ ...a, id: match.profileIds[0] }, { ...b, id: match.profileIds[1] }], notice)) {
        await tellMember(deps, notice, recipient, at, `expiry-sweep:${at}`);
      }
    }
    // Marked after the mails: a crash in between sends nothing twice (the mails' records), loses nothing.
    return deps.matches.markReminded(match, at);
  }

  async function expire(match: MatchItem, at: string): Promise<boolean> {
    const { owner: _o, partner: _p, ...shared } = match;
    return deps.matches.put({ ...shared, state: 'expired', version: match.version + 1, updatedAt: at, correlationId: `expiry-sweep:${at}` }, match.version);
  }

  return async (event: SweepRun = {}): Promise<SweepResult> => {
    const now = event.scheduledTime ? new Date(event.scheduledTime) : deps.now();
    const at = now.toISOString();
    const due = await deps.matches.openProposedBefore(sweepCutoff(now));
    const result: SweepResult = { examined: due.length, reminded: 0, expired: 0, conflicts: 0 };
    const failures: unknown[] = [];
    for (const match of due) {
      try {
        const settings = settingsForPair([...(await deps.networkSettings.getMany(match.sharedNetworks)).values()]);
        const step = nextExpiryStep(match, settings, now);
        if (step.kind === 'none') continue;
        const written = step.kind === 'remind' ? await remind(match, step.waitingFor, at) : await expire(match, at);
        if (!written) result.conflicts++;
        else if (step.kind === 'remind') result.reminded++;
        else result.expired++;
      } catch (error) {
        failures.push(error);
      }
    }
    deps.logger.info('expiry sweep finished', { ...result, failed: failures.length });
    if (failures.length > 0) throw failures[0];
    return result;
  };
}
