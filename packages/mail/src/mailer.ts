import { SendEmailCommand, type SESv2Client } from '@aws-sdk/client-sesv2';
import type { Mail } from '@culturebridge/domain';

export interface Mailer {
  /** Sends one mail; resolves with SES's message id. Throws when SES refused it. */
  send(to: string, mail: Mail): Promise<string | undefined>;
}

const THROTTLING = new Set(['TooManyRequestsException', 'ThrottlingException', 'Throttling']);

/** SES says "slow down" (rate exceeded); a daily quota or a rejected message is not retried here. */
export function isThrottling(error: unknown): boolean {
  const e = error as { name?: string; $retryable?: { throttling?: boolean } };
  return THROTTLING.has(e?.name ?? '') || e?.$retryable?.throttling === true;
}

export interface SesMailerOptions {
  sender: string;
  configurationSet: string;
  /** Attempts of our own on top of the SDK's retries (default 4). */
  maxAttempts?: number;
  baseDelayMs?: number;
  sleep?: (ms: number) => Promise<void>;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * SES v2 with a bounded retry for throttling: the SDK client already retries (standard mode), and a
 * burst of matches can outlast that, so a throttled send waits with jittered exponential backoff a
 * few more times before the error fails the message (SQS then retries it, and finally dead-letters).
 */
export function sesMailer(ses: SESv2Client, options: SesMailerOptions): Mailer {
  const maxAttempts = options.maxAttempts ?? 4;
  const base = options.baseDelayMs ?? 200;
  return {
    async send(to, mail) {
      for (let attempt = 1; ; attempt++) {
        try {
          const out = await ses.send(
            new SendEmailCommand({
              FromEmailAddress: options.sender,
              Destination: { ToAddresses: [to] },
              ConfigurationSetName: options.configurationSet,
              Content: {
                Simple: {
                  Subject: { Data: mail.subject, Charset: 'UTF-8' },
                  Body: { Text: { Data: mail.text, Charset: 'UTF-8' }, Html: { Data: mail.html, Charset: 'UTF-8' } },
                },
              },
            }),
          );
          return out.MessageId;
        } catch (error) {
          if (!isThrottling(error) || attempt >= maxAttempts) throw error;
          await (options.sleep ?? sleep)(base * 2 ** (attempt - 1) * (0.5 + Math.random() / 2));
        }
      }
    },
  };
}
