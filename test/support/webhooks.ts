// Helpers for the partner webhook tests: receivers, partners and a pair of profiles that match.
import type { ProfileInput } from '@culturebridge/domain';
import { validProfileInput } from '@culturebridge/domain/test-fixtures';
import { newWebhookSecret, type PartnerInput } from '@culturebridge/domain/partner';
import { ALL_DETAIL_TYPES } from '@culturebridge/events';
import { PartnerStore } from '@culturebridge/store';
import type { Platform } from '../../local/platform.js';
import { startWebhookReceiver, type WebhookReceiver } from '../../local/webhook-receiver.js';
import { platformDocumentClient, submitProfile } from './platform.js';

const receivers: WebhookReceiver[] = [];
/** Stops every receiver started by `receiver` (an afterEach hook). */
export async function stopReceivers(): Promise<void> {
  for (const r of receivers.splice(0)) await r.stop();
}

/** A local receiver verifying with the standardwebhooks library; stopped by stopReceivers. */
export async function receiver(secrets: string[], options: { status?: number; checkTimestamp?: boolean } = {}) {
  const r = await startWebhookReceiver({ secrets, ...options });
  receivers.push(r);
  return r;
}

let unique = 0;
/** Two profiles that match each other (the pipeline test's pair), in the given network, with fresh addresses. */
function pair(network = `net-${unique + 1}`): [ProfileInput, ProfileInput] {
  unique++;
  return [
    validProfileInput({ name: `Kutaisi ${unique}`, country: 'GE', networks: [network], openToOutsideNetwork: false, contact: { name: 'Nino', email: `k${unique}@kutaisi.example` }, offers: ['venue'], needs: ['curatorial-support'], themes: [{ id: 'climate-environment', priority: 'high' }] }),
    validProfileInput({ name: `Gyumri ${unique}`, country: 'AM', networks: [network], openToOutsideNetwork: false, contact: { name: 'Anna', email: `g${unique}@gyumri.example` }, offers: ['curatorial-support'], needs: ['venue'], themes: [{ id: 'climate-environment', priority: 'high' }], languages: ['hy', 'en'] }),
  ];
}

/** Submits a matching pair (a network of its own unless given) and waits until everything, webhooks included, has settled. */
export async function matchPair(platform: Platform, network?: string) {
  const [a, b] = pair(network);
  await submitProfile(platform, a);
  await submitProfile(platform, b);
  await platform.settle();
}

/** A partner with a webhook, written by the store as `npm run partner -- add` does. */
export function addPartner(platform: Platform, input: Partial<PartnerInput> & { webhook: string }, secret = newWebhookSecret()) {
  const store = new PartnerStore(platformDocumentClient(platform), platform.tableName);
  return store.add({ name: 'Grant system', contact: 'ops@funder.example', ...input }, { now: new Date(), secret, strict: false, knownEventTypes: ALL_DETAIL_TYPES }).then((partner) => ({ partner, secret, store }));
}

