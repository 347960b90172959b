import { routesOf } from '@culturebridge/api/api-routes';
import { httpApp, httpAppOptions, type ApiFunctionOptions } from '@culturebridge/api/http-app';
import { networkReadRoutes, type NetworkReadDeps } from './read-routes.js';
import { networkSettingsRoutes, type NetworkSettingsDeps } from './settings-routes.js';

export type NetworkDashboardOptions = NetworkReadDeps & NetworkSettingsDeps & ApiFunctionOptions;

/**
 * network-dashboard: what only a network's coordinator asks for on the dashboard, beside the member
 * lists profiles-api pages: the network's matches and its activity feed (GET /networks/{id}/matches,
 * /activity), and the coordinator's own mail settings (GET and PUT /networks/{id}/settings). Its own
 * small function: no member's request needs these, so profiles-api stays within #18's 250 KB, and
 * the dashboard's reads start without the meeting planner or the spreadsheet libraries.
 */
export function createNetworkDashboardApi(options: NetworkDashboardOptions) {
  return httpApp(routesOf('network-dashboard'), { ...networkReadRoutes(options), ...networkSettingsRoutes(options) }, httpAppOptions(options));
}
