/**
 * The mailbox an address delivers to, for counting requests against a per-address limit:
 * `Flood+1@Example.ORG` and `flood@example.org` land in the same inbox at most providers (plus
 * addressing, RFC 5233 sub-addressing; domains are case-insensitive, and nearly every mail server
 * treats the local part so too), so they share one limit. Only for keys: mail is always sent to the
 * address as given. Dots are kept (ignoring them is one provider's rule, not a standard).
 */
export function mailboxKey(address: string): string {
  const normalized = address.trim().toLowerCase();
  const at = normalized.lastIndexOf('@');
  if (at <= 0) return normalized;
  const local = normalized.slice(0, at);
  const plus = local.indexOf('+');
  // "+tag@…" alone has no mailbox part before the tag: keep it whole.
  return plus > 0 ? `${local.slice(0, plus)}${normalized.slice(at)}` : normalized;
}
