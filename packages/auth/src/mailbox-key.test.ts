import { describe, expect, it } from 'vitest';
import { mailboxKey } from './mailbox-key.js';

describe('mailboxKey', () => {
  it('counts plus-tagged and differently cased addresses as one mailbox', () => {
    for (const address of ['flood@example.org', 'flood+1@example.org', 'Flood+2@EXAMPLE.org', ' FLOOD+a+b@example.ORG ']) {
      expect(mailboxKey(address)).toBe('flood@example.org');
    }
  });

  it('keeps what is not a tag: dots, a leading plus, a plus in the domain', () => {
    expect(mailboxKey('first.last@example.org')).toBe('first.last@example.org');
    expect(mailboxKey('+tag@example.org')).toBe('+tag@example.org');
    expect(mailboxKey('a@b+c.example')).toBe('a@b+c.example');
    expect(mailboxKey('a@b')).toBe('a@b');
  });
});
