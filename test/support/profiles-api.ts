import { randomUUID } from 'node:crypto';
import { Logger } from '@aws-lambda-powertools/logger';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { signSession } from '@culturebridge/auth';
import type { Mail } from '@culturebridge/domain';
import type { Mailer } from '@culturebridge/mail';
import { ActivityStore, AddressBook, CoordinatorStore, MatchStore, MeetingLists, MeetingStore, NetworkSettingsStore, NetworkStore, ProfileStore, SessionStore, SignInStore, SuppressionStore, addressHash } from '@culturebridge/store';
import type { APIGatewayProxyEventV2, Context } from 'aws-lambda';
import { PROFILES_API_ROUTES, type ApiFunction } from '@culturebridge/api/api-routes';
import { createMeetingsApi, type MeetingsOptions } from '../../functions/meetings/app.js';
import { createMemberListsApi, type MemberListsOptions } from '../../functions/member-lists/app.js';
import { createNetworkDashboardApi, type NetworkDashboardOptions } from '../../functions/network-dashboard/app.js';
import { createProfilesApi, type ProfilesApiOptions } from '../../functions/profiles-api/app.js';

/** Every API function's dependencies: tests build one set for the whole API. */
export type ApiOptions = ProfilesApiOptions & MemberListsOptions & MeetingsOptions & NetworkDashboardOptions;
import { matchRoute } from '../../local/api-gateway.js';

/** A fixed key for tests that call the handler directly; the local platform has its own key file. */
export const TEST_SESSION_KEY = new Uint8Array(32).fill(7);

export interface RecordingMailer extends Mailer {
  sent: { to: string; mail: Mail }[];
}

/** For tests of the API's own logic; the sign-in flow through SES local is tested on the platform. */
export function recordingMailer(): RecordingMailer {
  const sent: { to: string; mail: Mail }[] = [];
  return { sent, send: async (to, mail) => (sent.push({ to, mail }), `m-${sent.length}`) };
}

export function profilesApiOptions(doc: DynamoDBDocumentClient, tableName: string, overrides: Partial<ApiOptions> = {}): ApiOptions {
  return {
    profiles: new ProfileStore(doc, tableName),
    matches: new MatchStore(doc, tableName),
    coordinators: new CoordinatorStore(doc, tableName),
    activity: new ActivityStore(doc, tableName),
    meetings: new MeetingStore(doc, tableName),
    meetingLists: new MeetingLists(doc, tableName),
    networkSettings: new NetworkSettingsStore(doc, tableName),
    networks: new NetworkStore(doc, tableName),
    addresses: new AddressBook(doc, tableName),
    signIns: new SignInStore(doc, tableName),
    sessions: new SessionStore(doc, tableName),
    suppressions: new SuppressionStore(doc, tableName),
    mailer: recordingMailer(),
    sessionKey: TEST_SESSION_KEY,
    appBaseUrl: 'https://app.culturebridge.example',
    newId: randomUUID,
    now: () => new Date().toISOString(),
    logger: new Logger({ serviceName: 'test', logLevel: 'SILENT' }),
    allowedOrigins: ['http://localhost:5173'],
    organizerEmail: 'no-reply@culturebridge.example',
    ...overrides,
  };
}

/** The Authorization header of a session for `email` that owns the given profiles and networks. */
export async function bearer(email: string, owns: { profiles?: string[]; networks?: string[] } = {}, key = TEST_SESSION_KEY): Promise<Record<string, string>> {
  const { session } = await signSession(key, { sub: addressHash(email), profiles: owns.profiles ?? [], networks: owns.networks ?? [] });
  return { authorization: `Bearer ${session}` };
}

/**
 * The whole HTTP API as API Gateway routes it: each declared route to the function api-routes.ts
 * names, anything else to profiles-api, for tests that call the handlers directly.
 */
export function createApi(options: ApiOptions) {
  const functions: Record<ApiFunction, (event: APIGatewayProxyEventV2, context: Context) => Promise<unknown>> = {
    'profiles-api': createProfilesApi(options),
    'member-lists': createMemberListsApi(options),
    meetings: createMeetingsApi(options),
    'network-dashboard': createNetworkDashboardApi(options),
  };
  return (event: APIGatewayProxyEventV2, context: Context) => functions[matchRoute(PROFILES_API_ROUTES, event.requestContext.http.method, event.rawPath)?.function ?? 'profiles-api'](event, context);
}
