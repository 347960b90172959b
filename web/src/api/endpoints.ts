import type { Profile, ProfileInput } from '@culturebridge/domain';
import { apiRequest } from './client';
import type {
  CreatedProfile,
  MailPreference,
  MatchAnswer,
  Me,
  NetworkActivity,
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

export const fetchNetworkActivity = (networkId: string) => apiRequest<NetworkActivity>('GET', `/networks/${segment(networkId)}/activity`);

export const fetchNetworkSettings = (networkId: string) => apiRequest<NetworkSettings>('GET', `/networks/${segment(networkId)}/settings`);

export const updateNetworkSettings = (networkId: string, preference: MailPreference) =>
  apiRequest<NetworkSettings>('PUT', `/networks/${segment(networkId)}/settings`, { preference });
