import type { Profile, ProfileInput } from '@culturebridge/domain';
import { apiRequest } from './client';
import type {
  CreatedProfile,
  JoinRequests,
  MailPreference,
  MemberImport,
  MatchAnswer,
  Me,
  NetworkMatches,
  NetworkMembers,
  NetworkSettings,
  ProfileMatches,
  VerifyResult,
} from './types';

const segment = encodeURIComponent;

export const requestSignInLink = (email: string) => apiRequest<{ message: string }>('POST', '/auth/magic-link', { email }, { session: 'none' });

export const verifySignInToken = (token: string) => apiRequest<VerifyResult>('POST', '/auth/verify', { token }, { session: 'none' });

export const fetchMe = () => apiRequest<Me>('GET', '/me');

// Anyone may submit; a session of the contact address makes the profile active at once.
export const submitProfile = (input: ProfileInput) => apiRequest<CreatedProfile>('POST', '/profiles', input, { session: 'optional' });

export const fetchProfile = (id: string) => apiRequest<Profile>('GET', `/profiles/${segment(id)}`);

/** PUT carries the version that was read: a stale one gets 409 and overwrites nothing. */
export const updateProfile = (id: string, update: ProfileInput & { version: number }) => apiRequest<{ id: string; version: number }>('PUT', `/profiles/${segment(id)}`, update);

/** The signed-in owner confirms a pending profile (a sign-in link alone never confirms one). */
export const confirmProfile = (id: string) => apiRequest<{ id: string; version: number; status: string }>('POST', `/profiles/${segment(id)}/confirm`);

export const withdrawProfile = (id: string) => apiRequest<void>('DELETE', `/profiles/${segment(id)}`);

export const fetchProfileMatches = (id: string) => apiRequest<ProfileMatches>('GET', `/profiles/${segment(id)}/matches`);

export const answerMatch = (id: string, partner: string, answer: 'accept' | 'decline') =>
  apiRequest<MatchAnswer>('POST', `/matches/${segment(id)}/${segment(partner)}/${answer}`);

export const fetchNetworkMembers = (networkId: string) => apiRequest<NetworkMembers>('GET', `/networks/${segment(networkId)}/members`);

export const fetchNetworkMatches = (networkId: string) => apiRequest<NetworkMatches>('GET', `/networks/${segment(networkId)}/matches`);

export const fetchNetworkSettings = (networkId: string) => apiRequest<NetworkSettings>('GET', `/networks/${segment(networkId)}/settings`);

export const updateNetworkSettings = (networkId: string, preference: MailPreference) =>
  apiRequest<NetworkSettings>('PUT', `/networks/${segment(networkId)}/settings`, { preference });

export const fetchJoinRequests = (networkId: string) => apiRequest<JoinRequests>('GET', `/networks/${segment(networkId)}/requests`);

export const answerJoinRequest = (networkId: string, profileId: string, answer: 'approve' | 'reject') =>
  apiRequest<{ profileId: string; networkId: string; membership: string; changed: boolean }>('POST', `/networks/${segment(networkId)}/requests/${segment(profileId)}/${answer}`);

/** Preview (`dryRun`) or import a member list; the file travels as base64 inside JSON. */
export const importMemberList = (networkId: string, request: { file: string; fileName: string; encoding?: string; dryRun: boolean }) =>
  apiRequest<MemberImport>('POST', `/networks/${segment(networkId)}/imports`, request);
