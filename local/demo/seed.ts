import { DEMO_MEMBERS } from './networks.js';

/**
 * Loads the demo networks through the public API, exactly as a member's form would, so the seed
 * exercises validation, the outbox and matching like any other submission.
 */
export async function seedDemo(apiUrl: string, progress: (line: string) => void): Promise<string[]> {
  const ids: string[] = [];
  for (const [index, member] of DEMO_MEMBERS.entries()) {
    const response = await fetch(`${apiUrl}/profiles`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(member.profile),
    });
    const body = (await response.json()) as { id?: string; detail?: string };
    if (response.status !== 201 || !body.id) throw new Error(`demo profile ${member.profile.name} was refused: ${response.status} ${body.detail ?? ''}`);
    ids.push(body.id);
    progress(`  seeded ${String(index + 1).padStart(2)}/${DEMO_MEMBERS.length}  ${member.profile.name}`);
  }
  return ids;
}
