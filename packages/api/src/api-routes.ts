/**
 * The routes of the HTTP API, declared once: the routers of the API functions, the authorizers and
 * integrations of the HTTP API in CDK and the local API gateway all read this. `function` names the
 * Lambda (the folder under functions/) that serves the route: profiles-api serves sign-in and what
 * members do, on every member's path, so it stays small (#18's 250 KB); member-lists the member list
 * files (CSV/XLSX parsing and writing); meetings a network's meetings (planning, calendar and CSV
 * files); network-dashboard what only a coordinator's dashboard reads (a network's matches and
 * activity) and a coordinator's own mail settings. `access` says what the authorizer demands before the
 * function runs: `public` routes take anonymous callers (a session, if sent, must still verify);
 * `session` routes need a valid session (a bearer token or the browser's session cookie). Which profile or network a session may touch is decided by
 * the function (access.ts, path-params.ts).
 */
export const PROFILES_API_ROUTES = [
  { name: 'magicLink', method: 'POST', path: '/auth/magic-link', access: 'public', function: 'profiles-api' },
  { name: 'describeLink', method: 'POST', path: '/auth/link', access: 'public', function: 'profiles-api' },
  { name: 'verify', method: 'POST', path: '/auth/verify', access: 'public', function: 'profiles-api' },
  { name: 'signOut', method: 'POST', path: '/auth/sign-out', access: 'public', function: 'profiles-api' },
  { name: 'me', method: 'GET', path: '/me', access: 'session', function: 'profiles-api' },
  { name: 'create', method: 'POST', path: '/profiles', access: 'public', function: 'profiles-api' },
  { name: 'read', method: 'GET', path: '/profiles/{id}', access: 'session', function: 'profiles-api' },
  { name: 'update', method: 'PUT', path: '/profiles/{id}', access: 'session', function: 'profiles-api' },
  { name: 'erase', method: 'DELETE', path: '/profiles/{id}', access: 'session', function: 'profiles-api' },
  { name: 'confirm', method: 'POST', path: '/profiles/{id}/confirm', access: 'session', function: 'profiles-api' },
  { name: 'listMatches', method: 'GET', path: '/profiles/{id}/matches', access: 'session', function: 'profiles-api' },
  { name: 'accept', method: 'POST', path: '/matches/{id}/{partner}/accept', access: 'session', function: 'profiles-api' },
  { name: 'decline', method: 'POST', path: '/matches/{id}/{partner}/decline', access: 'session', function: 'profiles-api' },
  { name: 'networkMembers', method: 'GET', path: '/networks/{networkId}/members', access: 'session', function: 'profiles-api' },
  { name: 'networkMatches', method: 'GET', path: '/networks/{networkId}/matches', access: 'session', function: 'network-dashboard' },
  { name: 'networkActivity', method: 'GET', path: '/networks/{networkId}/activity', access: 'session', function: 'network-dashboard' },
  { name: 'networkSettings', method: 'GET', path: '/networks/{networkId}/settings', access: 'session', function: 'network-dashboard' },
  { name: 'updateNetworkSettings', method: 'PUT', path: '/networks/{networkId}/settings', access: 'session', function: 'network-dashboard' },
  { name: 'listNetworks', method: 'GET', path: '/networks', access: 'public', function: 'profiles-api' },
  { name: 'joinRequests', method: 'GET', path: '/networks/{networkId}/requests', access: 'session', function: 'profiles-api' },
  { name: 'approveMembership', method: 'POST', path: '/networks/{networkId}/requests/{id}/approve', access: 'session', function: 'profiles-api' },
  { name: 'rejectMembership', method: 'POST', path: '/networks/{networkId}/requests/{id}/reject', access: 'session', function: 'profiles-api' },
  { name: 'importMemberList', method: 'POST', path: '/networks/{networkId}/imports', access: 'session', function: 'member-lists' },
  { name: 'importTemplate', method: 'GET', path: '/networks/{networkId}/imports/template', access: 'session', function: 'member-lists' },
  { name: 'exportMembers', method: 'GET', path: '/networks/{networkId}/export', access: 'session', function: 'member-lists' },
  { name: 'rejectedMembers', method: 'GET', path: '/networks/{networkId}/rejected', access: 'session', function: 'member-lists' },
  { name: 'createMeeting', method: 'POST', path: '/networks/{networkId}/meetings', access: 'session', function: 'meetings' },
  { name: 'listMeetings', method: 'GET', path: '/networks/{networkId}/meetings', access: 'session', function: 'meetings' },
  { name: 'readMeeting', method: 'GET', path: '/networks/{networkId}/meetings/{meetingId}', access: 'session', function: 'meetings' },
  { name: 'updateMeeting', method: 'PUT', path: '/networks/{networkId}/meetings/{meetingId}', access: 'session', function: 'meetings' },
  { name: 'cancelMeeting', method: 'DELETE', path: '/networks/{networkId}/meetings/{meetingId}', access: 'session', function: 'meetings' },
  { name: 'meetingCalendar', method: 'GET', path: '/networks/{networkId}/meetings/{meetingId}/calendar', access: 'session', function: 'meetings' },
  { name: 'meetingCsv', method: 'GET', path: '/networks/{networkId}/meetings/{meetingId}/csv', access: 'session', function: 'meetings' },
  { name: 'profileMeetings', method: 'GET', path: '/profiles/{id}/meetings', access: 'session', function: 'meetings' },
  { name: 'profileMeetingCalendar', method: 'GET', path: '/profiles/{id}/meetings/{meetingId}/calendar', access: 'session', function: 'meetings' },
  { name: 'requestMeeting', method: 'POST', path: '/networks/{networkId}/meetings/{meetingId}/requests', access: 'session', function: 'meetings' },
] as const;

export type ProfilesApiRoute = (typeof PROFILES_API_ROUTES)[number];
export type ProfilesApiRouteName = ProfilesApiRoute['name'];
export type RouteAccess = ProfilesApiRoute['access'];
export type ApiFunction = ProfilesApiRoute['function'];

/** The routes one function serves. */
export const routesOf = <F extends ApiFunction>(fn: F) => PROFILES_API_ROUTES.filter((r): r is Extract<ProfilesApiRoute, { function: F }> => r.function === fn);

/** Routes whose request carries a JSON body. */
export const ROUTES_WITH_BODY: ReadonlySet<ProfilesApiRouteName> = new Set(['magicLink', 'describeLink', 'verify', 'create', 'update', 'updateNetworkSettings', 'importMemberList', 'createMeeting', 'updateMeeting', 'requestMeeting']);

const PAGE = ['limit', 'cursor'];
const LOCALE = ['locale'];
/** The query parameters each route reads; any other, or one sent twice, is a 400 (packages/http queryShape). A route not named reads none. */
export const ROUTE_QUERIES: Partial<Record<ProfilesApiRouteName, readonly string[]>> = {
  networkMembers: PAGE,
  joinRequests: PAGE,
  rejectedMembers: PAGE,
  networkActivity: PAGE,
  listMeetings: PAGE,
  networkMatches: [...PAGE, 'names'],
  exportMembers: ['format', 'delimiter', ...LOCALE],
  ...Object.fromEntries((['createMeeting', 'readMeeting', 'updateMeeting', 'meetingCalendar', 'meetingCsv', 'requestMeeting', 'profileMeetings', 'profileMeetingCalendar'] as const).map((r) => [r, LOCALE])),
};

/** Routes whose body may be larger than MAX_BODY_BYTES: a member list as base64 (see MAX_FILE_BYTES). */
export const LARGE_BODY_ROUTES: ReadonlySet<ProfilesApiRouteName> = new Set(['importMemberList']);
/** A 4 MB file as base64 in JSON; below Lambda's 6 MB synchronous payload limit. */
export const MAX_LARGE_BODY_BYTES = 5_600_000;

/** The first path segments the API owns; the local server serves the web app for everything else. */
export const API_PREFIXES = [...new Set(PROFILES_API_ROUTES.map((r) => `/${r.path.split('/')[1]}`))];

/**
 * The header CloudFront's viewer-request function sets to the viewer's IP address on API requests.
 * Behind CloudFront, API Gateway's sourceIp is the edge server's; the per-client sign-in limit needs
 * the viewer's. The function overwrites whatever a viewer sent under this name.
 */
export const CLIENT_ADDRESS_HEADER = 'x-viewer-address';

/**
 * The header CloudFront adds to every request it forwards to the API, holding a generated secret:
 * only with it is CLIENT_ADDRESS_HEADER believed (a caller of the execute-api URL could set that).
 */
export const ORIGIN_VERIFY_HEADER = 'x-origin-verify';
