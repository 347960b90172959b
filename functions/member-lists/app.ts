import type { Logger } from '@aws-lambda-powertools/logger';
import { meetingCalendar, meetingCsv, memberCalendar } from '@culturebridge/domain/meeting-export';
import type { ActivityStore, CoordinatorStore, MatchStore, MeetingLists, MeetingStore, NetworkSettingsStore, ProfileStore } from '@culturebridge/store';
import { meetingRoutes } from '../meetings/routes.js';
import { networkReadRoutes } from '../network-dashboard/read-routes.js';
import { networkSettingsRoutes } from '../network-dashboard/settings-routes.js';
import { routesOf } from '@culturebridge/api/api-routes';
import { httpApp, trustedOrigins } from '@culturebridge/api/http-app';
import { sendMagicLink } from '@culturebridge/api/magic-link';
import type { SignInDeps } from '../profiles-api/sign-in.js';
import { invitationNetworks } from './invitation.js';
import { memberListRoutes } from './routes.js';

export interface MemberListsOptions extends Omit<SignInDeps, 'originSecret'> {
  profiles: ProfileStore;
  matches: MatchStore;
  /** The dashboard's activity feed (GET /networks/{id}/activity). */
  activity: Pick<ActivityStore, 'page'>;
  meetings: MeetingStore;
  meetingLists: MeetingLists;
  networkSettings: Pick<NetworkSettingsStore, 'getMany'>;
  /** A coordinator's own mail settings (GET and PUT /networks/{id}/settings). */
  coordinators: Pick<CoordinatorStore, 'get' | 'setPreference'>;
  newId: () => string;
  now: () => string;
  logger: Logger;
  allowedOrigins: string[];
  /** ms one import call takes new rows; IMPORT_SLICE_MS when absent. */
  importSliceMs?: number;
  /** The platform's sender address (SENDER_EMAIL): the network's ORGANIZER address in calendar files. */
  organizerEmail: string;
}

/**
 * member-lists: a coordinator's member list import, template and export. Its own function because
 * CSV/XLSX parsing and writing (csv-parse, chardet, read-excel-file, write-excel-file: about 220 KB)
 * would double profiles-api's bundle, and with it every sign-in's cold start; it also gets the
 * memory and time a 5 000-row list needs. A network's
 * meetings are served here for the same reason: planning (maximum-weight matching, text scoring of
 * pairs) and the iCalendar/CSV writers (`ics`) would put profiles-api over its 250 KB budget, and
 * so are the dashboard's reads of a network's matches and activity (network-read-routes.ts), which
 * no member's request needs, and a coordinator's own mail settings (network-settings-routes.ts).
 */
export function createMemberListsApi(options: MemberListsOptions) {
  const links = { ...options, invitationNetworks: invitationNetworks(options.networkSettings) };
  return httpApp(
    routesOf('member-lists'),
    {
      ...memberListRoutes({ ...options, invite: (email, profile, at, locale) => sendMagicLink(links, email, 'invite-member', at, profile, locale) }),
      ...networkReadRoutes(options),
      ...networkSettingsRoutes(options),
      ...meetingRoutes(options, {
        calendar: (meeting, nameOf, locale, networkName) => meetingCalendar(meeting, nameOf, locale, networkName, options.organizerEmail),
        csv: meetingCsv,
        memberCalendar: (meeting, self, nameOf, locale, networkName) => memberCalendar(meeting, self, nameOf, locale, networkName, options.organizerEmail),
      }),
    },
    {
      auth: { sessionKey: options.sessionKey, addresses: options.addresses, sessions: options.sessions, trustedOrigins: trustedOrigins(options) },
      now: options.now,
      logger: options.logger,
      allowedOrigins: options.allowedOrigins,
    },
  );
}
