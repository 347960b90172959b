import { routesOf } from '@culturebridge/api/api-routes';
import { httpApp, httpAppOptions, type ApiFunctionOptions } from '@culturebridge/api/http-app';
import { meetingCalendar, meetingCsv, memberCalendar } from '@culturebridge/domain/meeting-export';
import { meetingRoutes, type MeetingRouteDeps } from './routes.js';

export interface MeetingsOptions extends MeetingRouteDeps, ApiFunctionOptions {
  /** The platform's sender address (SENDER_EMAIL): the network's ORGANIZER address in calendar files. */
  organizerEmail: string;
}

/**
 * meetings: a network's meetings (speed-dating rounds), planned, changed, cancelled, listed and
 * downloaded as iCalendar or CSV, and a member's own. Its own function because planning
 * (maximum-weight matching, text scoring of pairs) and the file writers (`ics`, its validator)
 * would take profiles-api, on every member's path, over its 250 KB bundle budget (issue #18), and
 * planning a large meeting needs more time and memory than a member's request.
 */
export function createMeetingsApi(options: MeetingsOptions) {
  return httpApp(
    routesOf('meetings'),
    meetingRoutes(options, {
      calendar: (meeting, nameOf, locale, networkName) => meetingCalendar(meeting, nameOf, locale, networkName, options.organizerEmail),
      csv: meetingCsv,
      memberCalendar: (meeting, self, nameOf, locale, networkName) => memberCalendar(meeting, self, nameOf, locale, networkName, options.organizerEmail),
    }),
    httpAppOptions(options),
  );
}
