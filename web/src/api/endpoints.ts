import type { Profile, ProfileInput } from '@culturebridge/domain';
import type { MeetingInput } from '@culturebridge/domain';
import { mergeActivity, oldestActivity } from './activity-pages';
import { apiRequest, apiText } from './client';
import { currentLocale } from '../i18n';
import type {
  CreatedProfile,
  JoinRequests,
  MailPreference,
  MemberImport,
  MatchAnswer,
  MeetingSummary,
  MeetingView,
  Me,
  NetworkActivity,
  UnnamedNetworkMatch,
  UnnamedNetworkMatches,
  NetworkMember,
  NetworkMembers,
  NetworkSettings,
  ProfileMatches,
  RejectedMembers,
  OwnMeeting,
  ProfileMeetings,
  VerifyResult,
  LinkDescription,
} from './types';
import { MATCH_PAGE_LIMITS, MEETING_PAGE_LIMITS, MEMBER_PAGE_LIMITS, byMeetingTime, type Locale } from '@culturebridge/domain';

const segment = encodeURIComponent;

/** `?locale=` with the page's language, for answers that name someone in words (a member who has left). */
const inPageLanguage = () => `?locale=${segment(currentLocale())}`;

/** `locale`: the language of the sign-in mail, the page's own. */
export const requestSignInLink = (email: string, locale?: Locale) => apiRequest<{ message: string }>('POST', '/auth/magic-link', { email, ...(locale ? { locale } : {}) });

/** What a sign-in or confirmation link would do; spends nothing (the page asks for a click first). */
export const describeSignInLink = (token: string) => apiRequest<LinkDescription>('POST', '/auth/link', { token });

/** Spends the link: the session arrives as an HttpOnly cookie. */
export const verifySignInToken = (token: string) => apiRequest<VerifyResult>('POST', '/auth/verify', { token });

/** Ends the session on the server and clears its cookie. */
export const signOut = () => apiRequest<void>('POST', '/auth/sign-out');

/** Who the browser's session is; `probe` marks the browser signed out instead of leaving the page. */
export const fetchMe = (options: { probe?: boolean } = {}) => apiRequest<Me>('GET', '/me', undefined, options.probe ? { session: 'probe' } : {});

// Anyone may submit; a session of the contact address makes the profile active at once.
export const submitProfile = (input: ProfileInput) => apiRequest<CreatedProfile>('POST', '/profiles', input);

export const fetchProfile = (id: string) => apiRequest<Profile>('GET', `/profiles/${segment(id)}`);

/** PUT carries the version that was read: a stale one gets 409 and overwrites nothing. */
export const updateProfile = (id: string, update: ProfileInput & { version: number }) => apiRequest<{ id: string; version: number }>('PUT', `/profiles/${segment(id)}`, update);

/** The signed-in owner confirms a pending profile (a sign-in link alone never confirms one). */
export const confirmProfile = (id: string) => apiRequest<{ id: string; version: number; status: string }>('POST', `/profiles/${segment(id)}/confirm`);

export const withdrawProfile = (id: string) => apiRequest<void>('DELETE', `/profiles/${segment(id)}`);

export const fetchProfileMatches = (id: string) => apiRequest<ProfileMatches>('GET', `/profiles/${segment(id)}/matches`);

export const answerMatch = (id: string, partner: string, answer: 'accept' | 'decline') =>
  apiRequest<MatchAnswer>('POST', `/matches/${segment(id)}/${segment(partner)}/${answer}`);

/**
 * Every item of a paged list of the API (`limit`, `cursor`: docs/api.md), page after page, each as
 * large as the API allows (`max`), in the API's order. `onProgress` hears how many are read so far;
 * `query`: the list's own parameters (`&names=omit`), sent with every page.
 */
async function allPages<P extends { cursor?: string }, T>(path: string, max: number, items: (page: P) => T[], onProgress?: (read: number) => void, query = ''): Promise<T[]> {
  const all: T[] = [];
  let cursor: string | undefined;
  do {
    const page = await apiRequest<P>('GET', `${path}?limit=${max}${query}${cursor === undefined ? '' : `&cursor=${segment(cursor)}`}`);
    all.push(...items(page));
    onProgress?.(all.length);
    cursor = page.cursor;
  } while (cursor !== undefined);
  return all;
}

/** Every member of the network (the API answers at most MEMBER_PAGE_LIMITS.max at a time), by id: sort them for a reader. */
export const fetchAllNetworkMembers = (networkId: string, onProgress?: (read: number) => void): Promise<NetworkMember[]> =>
  allPages<NetworkMembers, NetworkMember>(`/networks/${segment(networkId)}/members`, MEMBER_PAGE_LIMITS.max, (page) => page.members, onProgress);

/** Those the network's coordinators took out or turned down; read only while the coordinator looks at them. */
export const fetchRejectedMembers = (networkId: string): Promise<RejectedMembers['rejected']> =>
  allPages<RejectedMembers, RejectedMembers['rejected'][number]>(`/networks/${segment(networkId)}/rejected`, MEMBER_PAGE_LIMITS.max, (page) => page.rejected);

/**
 * Every match of the network (the API answers at most MATCH_PAGE_LIMITS.max at a time), in no useful
 * order, WITHOUT names and possibly with someone who is no longer a member (`names=omit`: each page
 * costs the projection's Query alone, no membership items): name them from the members read by
 * fetchAllNetworkMembers with namedFromMembers, which drops those pairs, then sort them.
 */
export const fetchAllNetworkMatchesUnnamed = (networkId: string): Promise<UnnamedNetworkMatch[]> =>
  allPages<UnnamedNetworkMatches, UnnamedNetworkMatch>(`/networks/${segment(networkId)}/matches`, MATCH_PAGE_LIMITS.max, (page) => page.matches, undefined, '&names=omit');

/** One page of the network's activity (the newest ACTIVITY_PAGE_LIMITS.default entries of the two weeks), or the page after `cursor`. */
export const fetchActivityPage = (networkId: string, cursor?: string) =>
  apiRequest<NetworkActivity>('GET', `/networks/${segment(networkId)}/activity${cursor === undefined ? '' : `?cursor=${segment(cursor)}`}`);

/**
 * The network's newest activity, read page after page from the newest until `through` (an
 * entry's activityKey: the oldest the dashboard shows) or an older entry is read, or the two weeks
 * end; one page without `through`. So a refresh reads again every entry shown, with today's names,
 * however many arrived since, and leaves no gap before the pages shown.
 */
export async function fetchNetworkActivity(networkId: string, through?: string): Promise<NetworkActivity> {
  const read = [await fetchActivityPage(networkId)];
  for (let page = read[0] as NetworkActivity; through !== undefined && page.cursor !== undefined && !((oldestActivity(page) ?? '\uffff') <= through); ) {
    page = await fetchActivityPage(networkId, page.cursor);
    read.push(page);
  }
  return mergeActivity(read[0] as NetworkActivity, ...read.slice(1));
}

export const fetchNetworkSettings = (networkId: string) => apiRequest<NetworkSettings>('GET', `/networks/${segment(networkId)}/settings`);

export const updateNetworkSettings = (networkId: string, preference: MailPreference, locale?: Locale) =>
  apiRequest<NetworkSettings>('PUT', `/networks/${segment(networkId)}/settings`, { preference, ...(locale ? { locale } : {}) });

/** Every meeting of the network (every page, MEETING_PAGE_LIMITS.max at a time), by day and time. */
export const fetchMeetings = async (networkId: string): Promise<{ networkId: string; meetings: MeetingSummary[] }> => ({
  networkId,
  meetings: (await allPages<{ meetings: MeetingSummary[]; cursor?: string }, MeetingSummary>(`/networks/${segment(networkId)}/meetings`, MEETING_PAGE_LIMITS.max, (page) => page.meetings)).sort(byMeetingTime),
});

export const createMeeting = (networkId: string, input: Omit<MeetingInput, 'requests'>) => apiRequest<MeetingView>('POST', `/networks/${segment(networkId)}/meetings${inPageLanguage()}`, input);

/** Changes the meeting read at `version`: the rounds still to come are planned again. 409 `/problems/version-conflict` when it changed since. */
export const updateMeeting = (networkId: string, meetingId: string, input: MeetingInput & { version: number }) =>
  apiRequest<MeetingView>('PUT', `/networks/${segment(networkId)}/meetings/${segment(meetingId)}${inPageLanguage()}`, input);

export const fetchMeeting = (networkId: string, meetingId: string) => apiRequest<MeetingView>('GET', `/networks/${segment(networkId)}/meetings/${segment(meetingId)}${inPageLanguage()}`);

/** Cancels the meeting (204); the participants are told by mail. 409 once it has begun. */
export const cancelMeeting = (networkId: string, meetingId: string) => apiRequest<void>('DELETE', `/networks/${segment(networkId)}/meetings/${segment(meetingId)}`);

/**
 * Where the timetable is as CSV or as iCalendar, in `locale` (the page's), for downloadFromApi: saved
 * as answered, so the CSV keeps the byte-order mark Excel needs (Response.text() drops it).
 */
export const meetingFilePath = (networkId: string, meetingId: string, kind: 'calendar' | 'csv', locale: Locale) =>
  `/networks/${segment(networkId)}/meetings/${segment(meetingId)}/${kind}?locale=${segment(locale)}`;

/** The profile's own rounds of one meeting as iCalendar, in `locale` (the page's). */
export const fetchProfileMeetingCalendar = (profileId: string, meetingId: string, locale: Locale) =>
  apiText(`/profiles/${segment(profileId)}/meetings/${segment(meetingId)}/calendar?locale=${segment(locale)}`);

export const fetchProfileMeetings = (profileId: string) => apiRequest<ProfileMeetings>('GET', `/profiles/${segment(profileId)}/meetings${inPageLanguage()}`);

export const requestMeeting = (networkId: string, meetingId: string, from: string, to: string) =>
  apiRequest<OwnMeeting>('POST', `/networks/${segment(networkId)}/meetings/${segment(meetingId)}/requests${inPageLanguage()}`, { from, to });
/** Everyone asking to join (every page), by id: sort them for a reader. */
export const fetchJoinRequests = (networkId: string): Promise<JoinRequests['requests']> =>
  allPages<JoinRequests, JoinRequests['requests'][number]>(`/networks/${segment(networkId)}/requests`, MEMBER_PAGE_LIMITS.max, (page) => page.requests);

export const answerJoinRequest = (networkId: string, profileId: string, answer: 'approve' | 'reject') =>
  apiRequest<{ profileId: string; networkId: string; membership: string; changed: boolean }>('POST', `/networks/${segment(networkId)}/requests/${segment(profileId)}/${answer}`);

/** Preview (`dryRun`) or import a member list; the file travels as base64 inside JSON. `locale`: the invitations' language for rows that name none. */
export const importMemberList = (networkId: string, request: { file: string; fileName: string; encoding?: string; dryRun: boolean; locale: string; fromRow?: number }) =>
  apiRequest<MemberImport>('POST', `/networks/${segment(networkId)}/imports`, request);
