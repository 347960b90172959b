/** The routes of profiles-api, declared once: the router in app.ts and the HTTP API in CDK both read this. */
export const PROFILES_API_ROUTES = [
  { name: 'create', method: 'POST', path: '/profiles' },
  { name: 'read', method: 'GET', path: '/profiles/{id}' },
  { name: 'update', method: 'PUT', path: '/profiles/{id}' },
  { name: 'erase', method: 'DELETE', path: '/profiles/{id}' },
  { name: 'listMatches', method: 'GET', path: '/profiles/{id}/matches' },
  { name: 'accept', method: 'POST', path: '/matches/{id}/{partner}/accept' },
  { name: 'decline', method: 'POST', path: '/matches/{id}/{partner}/decline' },
] as const;

export type ProfilesApiRouteName = (typeof PROFILES_API_ROUTES)[number]['name'];

/** Routes whose request carries a JSON body. */
export const ROUTES_WITH_BODY: ReadonlySet<ProfilesApiRouteName> = new Set(['create', 'update']);
