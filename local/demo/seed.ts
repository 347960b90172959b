import type { CoordinatorStore, NetworkStore } from '@culturebridge/store';
import { localSession } from '../sessions.js';
import { DEMO_COORDINATORS, DEMO_MEMBERS, DEMO_NETWORKS, EUNIC } from './networks.js';

/** Creates the demo networks, as the operator's `npm run network -- add` does; before anyone names them. */
export async function seedNetworks(networks: NetworkStore, progress: (line: string) => void): Promise<void> {
  for (const n of DEMO_NETWORKS) {
    await networks.put(n, new Date().toISOString());
    progress(`  network ${n.id}: ${n.name}`);
  }
}

/**
 * Loads the demo networks through the public API, exactly as a member's form would, so the seed
 * exercises validation, the outbox and matching like any other submission. Each profile is sent
 * with a session of its own contact address, so it is confirmed at once: nobody is there to open
 * the demo members' confirmation mails. Each membership is then approved by the network's demo
 * coordinator through the API, as a coordinator would in the dashboard.
 */
export async function seedDemo(apiUrl: string, sessionKeyFile: string, progress: (line: string) => void): Promise<string[]> {
  const ids: string[] = [];
  for (const [index, member] of DEMO_MEMBERS.entries()) {
    const session = await localSession(sessionKeyFile, member.profile.contact.email);
    const response = await fetch(`${apiUrl}/profiles`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${session}` },
      body: JSON.stringify(member.profile),
    });
    const body = (await response.json()) as { id?: string; detail?: string };
    if (response.status !== 201 || !body.id) throw new Error(`demo profile ${member.profile.name} was refused: ${response.status} ${body.detail ?? ''}`);
    ids.push(body.id);
    for (const network of member.profile.networks) {
      const coordinator = DEMO_COORDINATORS.find((c) => c.network === network);
      if (!coordinator) throw new Error(`demo network ${network} has no coordinator`);
      const approved = await fetch(`${apiUrl}/networks/${network}/requests/${body.id}/approve`, {
        method: 'POST',
        headers: { authorization: `Bearer ${await localSession(sessionKeyFile, coordinator.email, { networks: [network] })}` },
      });
      if (approved.status !== 200) throw new Error(`demo membership of ${member.profile.name} in ${network} was not approved: ${approved.status}`);
    }
    progress(`  seeded ${String(index + 1).padStart(2)}/${DEMO_MEMBERS.length}  ${member.profile.name}`);
  }
  return ids;
}

/**
 * Stores the demo coordinators (invented contacts on the reserved .example domain) directly in the
 * table, as the operator's `npm run coordinator -- add` does: coordinators are never self-appointed. Stored before the
 * members, so the demo's first matches already wait for their digests. Both read the default daily
 * digest: EU4Culture at 08:00 UTC, the EUNIC coordination at 08:00 Tbilisi time.
 */
export async function seedCoordinators(coordinators: CoordinatorStore, progress: (line: string) => void): Promise<void> {
  for (const c of DEMO_COORDINATORS) {
    const preference = c.network === EUNIC ? { mode: 'digest' as const, timeZone: 'Asia/Tbilisi', digestHour: 8 } : { mode: 'digest' as const, timeZone: 'UTC', digestHour: 8 };
    const { coordinator } = await coordinators.add({ networkId: c.network, name: c.name, email: c.email, preference });
    progress(`  coordinator of ${c.network}: ${coordinator.id} (${preference.mode})`);
  }
}
