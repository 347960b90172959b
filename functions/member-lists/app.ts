import { routesOf } from '@culturebridge/api/api-routes';
import { httpApp, httpAppOptions, type ApiFunctionOptions } from '@culturebridge/api/http-app';
import { sendMagicLink, type MagicLinkDeps } from '@culturebridge/api/magic-link';
import type { MatchStore, NetworkSettingsStore, ProfileStore } from '@culturebridge/store';
import { invitationNetworks } from './invitation.js';
import { memberListRoutes } from './routes.js';

export type MemberListsOptions = Omit<MagicLinkDeps, 'invitationNetworks'> & ApiFunctionOptions & {
  profiles: ProfileStore;
  matches: MatchStore;
  /** The networks' display names an invitation names. */
  networkSettings: Pick<NetworkSettingsStore, 'getMany'>;
  newId: () => string;
  /** ms one import call takes new rows; IMPORT_SLICE_MS when absent. */
  importSliceMs?: number;
};

/**
 * member-lists: a coordinator's member list import, template and export, and the members the
 * network rejected. Its own function because CSV/XLSX parsing and writing (csv-parse, chardet,
 * read-excel-file, write-excel-file: about 220 KB) would double profiles-api's bundle, and with it
 * every sign-in's cold start; it also gets the memory and time a 5 000-row list needs. A network's
 * meetings and the dashboard's reads have functions of their own (functions/meetings,
 * functions/network-dashboard).
 */
export function createMemberListsApi(options: MemberListsOptions) {
  const links = { ...options, invitationNetworks: invitationNetworks(options.networkSettings) };
  return httpApp(
    routesOf('member-lists'),
    memberListRoutes({ ...options, invite: (email, profile, at, locale) => sendMagicLink(links, email, 'invite-member', at, profile, locale) }),
    httpAppOptions(options),
  );
}
