import * as z from 'zod';
import { LocaleSchema } from '@culturebridge/domain';

/** Bodies of the sign-in routes (the settings route's is in functions/network-dashboard/settings-routes.ts); profile bodies are the domain's ProfileInput/ProfileUpdate. */
export const MagicLinkRequest = z.strictObject(
  // The language the sign-in mail is written in: the asking page's (the address may own nothing yet).
  { email: z.email({ error: 'email: expected a valid e-mail address' }).max(254).toLowerCase(), locale: LocaleSchema.optional() },
  { error: 'the body: expected a JSON object with email (and optionally locale)' },
);

export const VerifyRequest = z.strictObject(
  { token: z.string({ error: 'token: expected the token from the sign-in link' }).min(1, { error: 'token: expected the token from the sign-in link' }).max(200) },
  { error: 'the body: expected a JSON object with token' },
);

