/**
 * The routes of profiles-api, declared once: the router in app.ts, the authorizers of the HTTP API in
 * CDK and the local API gateway all read this. `access` says what the authorizer demands before the
 * function runs: `public` routes take anonymous callers (a session, if sent, must still verify);
 * `session` routes need a valid session (a bearer token or the browser's session cookie). Which profile or network a session may touch is decided by
 * the function (functions/profiles-api/access.ts).
 */
export const PROFILES_API_ROUTES = [
  { name: 'magicLink', method: 'POST', path: '/auth/magic-link', access: 'public' },
  { name: 'describeLink', method: 'POST', path: '/auth/link', access: 'public' },
  { name: 'verify', method: 'POST', path: '/auth/verify', access: 'public' },
  { name: 'signOut', method: 'POST', path: '/auth/sign-out', access: 'public' },
  { name: 'me', method: 'GET', path: '/me', access: 'session' },
  { name: 'create', method: 'POST', path: '/profiles', access: 'public' },
  { name: 'read', method: 'GET', path: '/profiles/{id}', access: 'session' },
  { name: 'update', method: 'PUT', path: '/profiles/{id}', access: 'session' },
  { name: 'erase', method: 'DELETE', path: '/profiles/{id}', access: 'session' },
  { name: 'confirm', method: 'POST', path: '/profiles/{id}/confirm', access: 'session' },
  { name: 'listMatches', method: 'GET', path: '/profiles/{id}/matches', access: 'session' },
  { name: 'accept', method: 'POST', path: '/matches/{id}/{partner}/accept', access: 'session' },
  { name: 'decline', method: 'POST', path: '/matches/{id}/{partner}/decline', access: 'session' },
  { name: 'networkMembers', method: 'GET', path: '/networks/{networkId}/members', access: 'session' },
  { name: 'networkMatches', method: 'GET', path: '/networks/{networkId}/matches', access: 'session' },
  { name: 'networkActivity', method: 'GET', path: '/networks/{networkId}/activity', access: 'session' },
  { name: 'networkSettings', method: 'GET', path: '/networks/{networkId}/settings', access: 'session' },
  { name: 'updateNetworkSettings', method: 'PUT', path: '/networks/{networkId}/settings', access: 'session' },
  { name: 'createMeeting', method: 'POST', path: '/networks/{networkId}/meetings', access: 'session' },
  { name: 'listMeetings', method: 'GET', path: '/networks/{networkId}/meetings', access: 'session' },
  { name: 'readMeeting', method: 'GET', path: '/networks/{networkId}/meetings/{meetingId}', access: 'session' },
  { name: 'updateMeeting', method: 'PUT', path: '/networks/{networkId}/meetings/{meetingId}', access: 'session' },
  { name: 'meetingCalendar', method: 'GET', path: '/networks/{networkId}/meetings/{meetingId}/calendar', access: 'session' },
  { name: 'meetingCsv', method: 'GET', path: '/networks/{networkId}/meetings/{meetingId}/csv', access: 'session' },
  { name: 'profileMeetings', method: 'GET', path: '/profiles/{id}/meetings', access: 'session' },
] as const;

export type ProfilesApiRoute = (typeof PROFILES_API_ROUTES)[number];
export type ProfilesApiRouteName = ProfilesApiRoute['name'];
export type RouteAccess = ProfilesApiRoute['access'];

/** Routes whose request carries a JSON body. */
export const ROUTES_WITH_BODY: ReadonlySet<ProfilesApiRouteName> = new Set(['magicLink', 'describeLink', 'verify', 'create', 'update', 'updateNetworkSettings', 'createMeeting', 'updateMeeting']);

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
