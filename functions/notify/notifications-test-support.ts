import type { ClaimResult, NotificationFacts } from '@culturebridge/store';

/** The notification records in memory, with the same claim rules as the table's conditional writes. */
export function memoryNotifications() {
  const records = new Map<string, { status: 'claimed' | 'sent'; token?: string }>();
  const store = {
    records,
    async claim(facts: NotificationFacts, token: string): Promise<ClaimResult> {
      const current = records.get(facts.notificationId);
      if (current?.status === 'sent') return 'sent';
      if (current) return 'busy';
      records.set(facts.notificationId, { status: 'claimed', token });
      return 'claimed';
    },
    async markSent(id: string, token: string) {
      const current = records.get(id);
      if (current?.token !== token) throw new Error('claim lost');
      records.set(id, { status: 'sent' });
    },
    async release(id: string, token: string) {
      if (records.get(id)?.token === token) records.delete(id);
    },
    async addDigestEntry() {
      return true;
    },
  };
  return store;
}
