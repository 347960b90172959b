/**
 * The partner registry, for the operator (issue 13):
 *
 *   npm run partner -- add --name <name> --contact <email> [--aws-account <12 digits>] [--webhook <url>]
 *                          [--events <DetailType,…>] [--networks <id,…>]
 *   npm run partner -- list | rotate-secret <id> | disable <id> | enable <id> | remove <id>
 *   npm run partner -- deliveries <id> [--failed]
 *   npm run partner -- redeliver <id> --event <eventId>
 *   npm run partner -- redeliver <id> --from <ISO time> --to <ISO time>
 *
 * Locally (default) it works on the table of `npm start` (DynamoDB Local on DYNAMODB_PORT or 8000) and
 * may deliver to http://localhost receivers. Against AWS: TABLE_NAME=<the stack's TableName output>
 * with your usual AWS credentials and region; `add` then refuses a webhook that delivery would refuse
 * (http, localhost, literal private/loopback/link-local addresses), and redeliveries go only to https
 * on public addresses.
 * `add --webhook` and `rotate-secret` print the signing secret once; it is not shown again.
 */
import { Logger } from '@aws-lambda-powertools/logger';
import { ALL_DETAIL_TYPES } from '@culturebridge/events';
import { newWebhookSecret, redeliveryWindow, WEBHOOK_TIMEOUT_MS, wantsEvent, eventSubject, type Partner } from '@culturebridge/domain/partner';
import { DELIVERY_RECORD_DAYS, MatchStore, NetworkStore, PartnerStore, type StoredEvent } from '@culturebridge/store';
import { attemptDelivery } from '../functions/deliver-webhooks/app.js';
import { postWebhook } from '../functions/deliver-webhooks/send.js';
import { issueLines, operatorDocumentClient } from './operator-table.js';
import { parseOptions } from './cli-options.js';

const USAGE = `usage:
  npm run partner -- add --name <name> --contact <email> [--aws-account <12 digits>] [--webhook <url>] [--events <DetailType,…>] [--networks <id,…>]
  npm run partner -- list | rotate-secret <id> | disable <id> | enable <id> | remove <id>
  npm run partner -- deliveries <id> [--failed]
  npm run partner -- redeliver <id> --event <eventId>
  npm run partner -- redeliver <id> --from <ISO time> --to <ISO time>`;

const list = (value: string | undefined) => (value === undefined ? undefined : value.split(',').map((s) => s.trim()).filter(Boolean));

function describe(p: Partner): string {
  const parts = [
    p.id,
    p.status === 'enabled' ? 'enabled ' : `disabled (${p.disabledReason ?? 'operator'})`,
    JSON.stringify(p.name),
    `<${p.contact}>`,
    p.awsAccount ? `aws:${p.awsAccount}` : '',
    p.webhook ? `webhook:${p.webhook.url}` : '',
    `events:${p.events?.join(',') ?? 'all'}`,
    `networks:${p.networks?.join(',') ?? 'all'}`,
  ];
  return parts.filter(Boolean).join('  ');
}

async function main(): Promise<number> {
  const { positionals, values } = parseOptions({
    allowPositionals: true,
    options: {
      name: { type: 'string' },
      contact: { type: 'string' },
      'aws-account': { type: 'string' },
      webhook: { type: 'string' },
      events: { type: 'string' },
      networks: { type: 'string' },
      failed: { type: 'boolean' },
      event: { type: 'string' },
      from: { type: 'string' },
      to: { type: 'string' },
    },
  }, USAGE);
  const [command, id] = positionals;
  const needsId = ['rotate-secret', 'disable', 'enable', 'remove', 'deliveries', 'redeliver'];
  if (!command || !['add', 'list', ...needsId].includes(command) || (needsId.includes(command) && !id)) {
    console.error(USAGE);
    return 2;
  }
  const { doc, tableName, local } = operatorDocumentClient();
  const store = new PartnerStore(doc, tableName);
  const now = new Date();
  const missing = () => {
    console.error(`no partner ${id}`);
    return 1;
  };
  try {
    switch (command) {
      case 'add': {
        const secret = newWebhookSecret();
        const partner = await store.add(
          { name: values.name ?? '', contact: values.contact ?? '', awsAccount: values['aws-account'], webhook: values.webhook, events: list(values.events), networks: list(values.networks) },
          { now, secret, strict: !local, knownEventTypes: ALL_DETAIL_TYPES, knownNetworks: values.networks === undefined ? undefined : [...(await new NetworkStore(doc, tableName).ids())] },
        );
        console.log(`added partner ${partner.id}`);
        console.log(describe(partner));
        if (partner.webhook) console.log(`signing secret (shown once, keep it safe): ${secret}`);
        return 0;
      }
      case 'list':
        for (const p of await store.list()) console.log(describe(p));
        return 0;
      case 'rotate-secret': {
        const secret = newWebhookSecret();
        const partner = await store.rotateSecret(id as string, secret, now);
        if (!partner) {
          console.error(`no partner ${id} with a webhook (or it was rotated at the same moment; try again)`);
          return 1;
        }
        console.log(`new signing secret (shown once; the previous one keeps signing for 24 hours, both signatures are sent): ${secret}`);
        return 0;
      }
      case 'disable': {
        const partner = await store.disable(id as string, 'operator', now);
        if (!partner) return (await store.get(id as string)) ? (console.log(`partner ${id} was already disabled`), 0) : missing();
        console.log(`disabled partner ${id}`);
        return 0;
      }
      case 'enable':
        if (!(await store.enable(id as string, now))) return missing();
        console.log(`enabled partner ${id}`);
        return 0;
      case 'remove':
        if (!(await store.remove(id as string))) return missing();
        console.log(`removed partner ${id}`);
        return 0;
      case 'deliveries': {
        for (const a of await store.deliveries(id as string, { failed: values.failed })) {
          console.log([a.attemptedAt, a.eventId, a.detailType, `attempt ${a.attempt}${a.redelivery ? ' (redelivery)' : ''}`, a.outcome, a.status ?? '-', `${a.durationMs} ms`, a.error ?? ''].join('  ').trim());
        }
        return 0;
      }
      case 'redeliver': {
        const partner = await store.get(id as string);
        if (!partner) return missing();
        if (!partner.webhook) return (console.error(`partner ${id} has no webhook`), 1);
        if (partner.status !== 'enabled') return (console.error(`partner ${id} is disabled; enable it first: npm run partner -- enable ${id}`), 1);
        // The partner's own filters hold for a redelivery as for a delivery: an event of a type it
        // left out, or about networks it is not limited to, is never sent (an id mistyped from another
        // partner's log must not hand it another network's data).
        const matches = new MatchStore(doc, tableName);
        const wanted = async (event: StoredEvent) => {
          const subject = eventSubject((event.detail as { data?: unknown } | undefined)?.data);
          const networks = partner.networks ? [...subject.networks, ...[...(await matches.profiles(subject.profileIds)).values()].flatMap((p) => p.networks)] : undefined;
          return wantsEvent(partner, event['detail-type'], networks);
        };
        let events: StoredEvent[];
        if (values.event) {
          const event = await store.getEvent(values.event);
          if (!event) return (console.error(`no event ${values.event} kept for webhooks (kept ${DELIVERY_RECORD_DAYS} days; ask for an archive replay for older ones)`), 1);
          if (!(await wanted(event))) return (console.error(`partner ${id} does not receive this event (${event['detail-type']}; its events: ${partner.events?.join(',') ?? 'all'}, networks: ${partner.networks?.join(',') ?? 'all'}); nothing sent`), 1);
          events = [event];
        } else if (values.from !== undefined && values.to !== undefined) {
          const window = redeliveryWindow(values.from, values.to, now, DELIVERY_RECORD_DAYS);
          if (!window.ok) return (console.error([...window.problems, USAGE].join('\n')), 2);
          if (window.note) console.error(window.note);
          const all = window.from < window.to ? await store.eventsBetween(window.from, window.to) : [];
          events = [];
          for (const event of all) if (await wanted(event)) events.push(event);
        } else {
          console.error('redeliver needs --event <eventId>, or --from and --to as ISO times');
          return 2;
        }
        const deps = {
          partners: store,
          post: (url: string, body: string, headers: Record<string, string>) => postWebhook(url, body, headers, { strict: !local, timeoutMs: WEBHOOK_TIMEOUT_MS }),
          now: () => new Date(),
          logger: new Logger({ serviceName: 'partner-cli', logLevel: 'SILENT' }),
        };
        let failed = 0;
        for (const event of events) {
          const { record } = await attemptDelivery(deps, partner, event, 1, { redelivery: true });
          if (record.outcome === 'failed') failed++;
          console.log(`${record.eventId}  ${record.detailType}  ${record.outcome}  ${record.status ?? '-'}  ${record.error ?? ''}`.trim());
        }
        console.log(`redelivered ${events.length - failed} of ${events.length} event(s) to ${partner.webhook.url}`);
        return failed > 0 ? 1 : 0;
      }
    }
    return 2;
  } catch (error) {
    console.error(issueLines(error)?.join('\n') ?? `partner command failed: ${(error as Error).message}`);
    return 1;
  } finally {
    doc.destroy();
  }
}

main().then((code) => process.exit(code));
