import * as z from 'zod';
import type { SuppressionReason } from '@culturebridge/store';

/**
 * SES v2 configuration-set events as EventBridge delivers them on the default bus (source `aws.ses`).
 * The detail follows SES's event publishing record: `bounce.bounceType` with
 * `bounce.bouncedRecipients[].emailAddress`, `complaint.complainedRecipients[].emailAddress`
 * (AWS docs: "Contents of event data that Amazon SES publishes", and the EventBridge SES event
 * reference for the detail-types). Loose objects: SES adds fields (mail, feedbackId, …) we ignore.
 */
const Recipient = z.looseObject({ emailAddress: z.string().min(3) });

export const SES_DETAIL_TYPES = { bounce: 'Email Bounced', complaint: 'Email Complaint Received' } as const;

export const SesMailEvent = z.discriminatedUnion('detail-type', [
  z.looseObject({
    source: z.literal('aws.ses'),
    'detail-type': z.literal(SES_DETAIL_TYPES.bounce),
    time: z.string().optional(),
    detail: z.looseObject({
      bounce: z.looseObject({
        bounceType: z.string(),
        bouncedRecipients: z.array(Recipient).min(1),
        timestamp: z.string().optional(),
      }),
    }),
  }),
  z.looseObject({
    source: z.literal('aws.ses'),
    'detail-type': z.literal(SES_DETAIL_TYPES.complaint),
    time: z.string().optional(),
    detail: z.looseObject({
      complaint: z.looseObject({
        complainedRecipients: z.array(Recipient).min(1),
        timestamp: z.string().optional(),
      }),
    }),
  }),
]);
export type SesMailEvent = z.output<typeof SesMailEvent>;

export interface Suppression {
  address: string;
  reason: SuppressionReason;
  at: string;
}

/**
 * The addresses an SES event says to stop mailing. A permanent bounce (the mailbox does not exist)
 * and a complaint (the person marked us as spam) suppress; a transient bounce (mailbox full, server
 * busy) and an undetermined one do not, since the next mail may well arrive.
 */
export function suppressionsFrom(event: SesMailEvent, fallbackAt: string): Suppression[] {
  if (event['detail-type'] === SES_DETAIL_TYPES.bounce) {
    const { bounce } = event.detail;
    if (bounce.bounceType !== 'Permanent') return [];
    const at = bounce.timestamp ?? event.time ?? fallbackAt;
    return bounce.bouncedRecipients.map((r) => ({ address: r.emailAddress, reason: 'bounce', at }));
  }
  const { complaint } = event.detail;
  const at = complaint.timestamp ?? event.time ?? fallbackAt;
  return complaint.complainedRecipients.map((r) => ({ address: r.emailAddress, reason: 'complaint', at }));
}
