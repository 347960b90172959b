import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { LookupFunction } from 'node:net';
import { isRefusedAddress, isSuccess, webhookUrlProblem, type AttemptResult } from '@culturebridge/domain/partner';

export interface SendPolicy {
  /** Refuse private, loopback and link-local addresses after DNS resolution, and plain http. True in AWS. */
  strict: boolean;
  timeoutMs: number;
}

export interface SendOutcome {
  result: AttemptResult;
  durationMs: number;
}

/**
 * The resolver the request connects with: it resolves the host once, refuses the connection when
 * any resolved address is refused (strict mode), and hands exactly the checked address to the socket,
 * so a DNS answer that changes between check and connect (DNS rebinding) cannot slip through.
 */
function checkedLookup(strict: boolean): LookupFunction {
  return (hostname, options, callback) => {
    dnsLookup(hostname, { ...options, all: true }, (error, addresses) => {
      if (error) return callback(error, '', 0);
      const list = addresses as unknown as LookupAddress[];
      const refused = strict ? list.find((a) => isRefusedAddress(a.address)) : undefined;
      if (refused) return callback(Object.assign(new Error(`refused address ${refused.address}`), { code: 'EREFUSEDADDRESS' }), '', 0);
      const first = list[0];
      if (!first) return callback(Object.assign(new Error(`no address for ${hostname}`), { code: 'ENOTFOUND' }), '', 0);
      if ((options as { all?: boolean }).all) return (callback as unknown as (e: null, a: LookupAddress[]) => void)(null, list);
      callback(null, first.address, first.family);
    });
  };
}

/**
 * POSTs one webhook with node:http(s) directly: redirects are never followed (a 3xx is a failure),
 * the whole exchange times out after `timeoutMs`, the response body is read and dropped (only the
 * status is kept), and in strict mode only https to public addresses is allowed. Never throws.
 * Hand-written because fetch (undici) offers no hook to check the resolved address before connecting.
 */
export function postWebhook(url: string, body: string, headers: Record<string, string>, policy: SendPolicy): Promise<SendOutcome> {
  const started = performance.now();
  const done = (result: AttemptResult): SendOutcome => ({ result, durationMs: Math.round(performance.now() - started) });
  const problem = webhookUrlProblem(url, policy.strict);
  if (problem) return Promise.resolve(done({ ok: false, error: problem }));
  const target = new URL(url);
  const send = target.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve) => {
    let settled = false;
    const finish = (result: AttemptResult) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(done(result));
    };
    const req = send(
      target,
      {
        method: 'POST',
        headers: { ...headers, 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)), 'user-agent': 'CultureBridge-Webhooks/1' },
        lookup: checkedLookup(policy.strict),
        agent: false,
      },
      (res) => {
        const status = res.statusCode ?? 0;
        res.resume();
        res.on('end', () => finish(isSuccess(status) ? { ok: true, status } : { ok: false, status, error: status >= 300 && status < 400 ? `HTTP ${status} (redirects are not followed)` : `HTTP ${status}` }));
        res.on('error', (error) => finish({ ok: false, status, error: error.message }));
      },
    );
    const timer = setTimeout(() => {
      finish({ ok: false, error: `timeout after ${policy.timeoutMs} ms` });
      req.destroy();
    }, policy.timeoutMs);
    req.on('error', (error: NodeJS.ErrnoException) => finish({ ok: false, error: error.code === 'EREFUSEDADDRESS' ? error.message : `${error.code ?? 'error'}: ${error.message}` }));
    req.end(body);
  });
}
