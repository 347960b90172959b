import { describe, expect, it } from 'vitest';
import { DEFAULT_NETWORK_SETTINGS } from '@culturebridge/domain';
import { invitationNetworks } from './invitation.js';

/** A network settings store that counts its reads and can be told to fail. */
function countingSettings() {
  const store = {
    reads: 0,
    fail: false,
    names: new Map<string, string>([['eu4culture', 'EU4Culture']]),
    async getMany(ids: readonly string[]) {
      store.reads += 1;
      if (store.fail) throw new Error('DynamoDB is unavailable');
      return new Map(ids.filter((id) => store.names.has(id)).map((id) => [id, { ...DEFAULT_NETWORK_SETTINGS, displayName: store.names.get(id) }]));
    },
  };
  return store;
}

describe('invitationNetworks', () => {
  it('reads the display names once for the invitations of one import, not once per member', async () => {
    const settings = countingSettings();
    let now = 0;
    const names = invitationNetworks(settings, { clock: () => now });
    const answers = await Promise.all(Array.from({ length: 50 }, () => names(['eu4culture'], 'en')));
    expect(new Set(answers)).toEqual(new Set(['EU4Culture']));
    now += 5_000;
    await names(['eu4culture'], 'en');
    expect(settings.reads).toBe(1);
  });

  it('names a network renamed since as soon as the short memo has expired', async () => {
    const settings = countingSettings();
    let now = 0;
    const names = invitationNetworks(settings, { clock: () => now });
    expect(await names(['eu4culture'], 'en')).toBe('EU4Culture');
    settings.names.set('eu4culture', 'EU4Culture Cities');
    now += 60_001;
    expect(await names(['eu4culture'], 'en')).toBe('EU4Culture Cities');
    expect(settings.reads).toBe(2);
  });

  it('keeps lists per networks and language apart', async () => {
    const settings = countingSettings();
    settings.names.set('eunic-caucasus', 'EUNIC Caucasus');
    const names = invitationNetworks(settings, { clock: () => 0 });
    expect(await names(['eu4culture', 'eunic-caucasus'], 'en')).toBe('EU4Culture and EUNIC Caucasus');
    expect(await names(['eu4culture', 'eunic-caucasus'], 'ru')).toBe('EU4Culture и EUNIC Caucasus');
    expect(await names(['eu4culture'], 'en')).toBe('EU4Culture');
    expect(settings.reads).toBe(3);
  });

  it('does not keep a failed read: the next invitation reads again', async () => {
    const settings = countingSettings();
    const names = invitationNetworks(settings, { clock: () => 0 });
    settings.fail = true;
    await expect(names(['eu4culture'], 'en')).rejects.toThrow('unavailable');
    settings.fail = false;
    expect(await names(['eu4culture'], 'en')).toBe('EU4Culture');
    expect(settings.reads).toBe(2);
  });
});
