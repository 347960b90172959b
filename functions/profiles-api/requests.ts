import * as z from 'zod';
import { NotificationPreference } from '@culturebridge/domain';

/** Bodies of the sign-in and settings routes; profile bodies are the domain's ProfileInput/ProfileUpdate. */
export const MagicLinkRequest = z.strictObject(
  { email: z.email({ error: 'email: expected a valid e-mail address' }).max(254).toLowerCase() },
  { error: 'the body: expected a JSON object with email' },
);

export const VerifyRequest = z.strictObject(
  { token: z.string({ error: 'token: expected the token from the sign-in link' }).min(1, { error: 'token: expected the token from the sign-in link' }).max(200) },
  { error: 'the body: expected a JSON object with token' },
);

export const NetworkSettingsUpdate = z.strictObject(
  { preference: NotificationPreference },
  { error: 'the body: expected a JSON object with preference' },
);
