import { describe, expect, it } from 'vitest';
import { isTimeZone } from './notification.js';
import { currentTimeZoneName, defaultTimeZone, timeZoneNames } from './time-zones.js';

describe('the time zones a form offers', () => {
  it('lists IANA\'s current names, not the legacy ones Intl still lists (Europe/Kiev, Asia/Calcutta)', () => {
    const zones = timeZoneNames();
    for (const current of ['Europe/Kyiv', 'Asia/Kolkata', 'Asia/Ho_Chi_Minh', 'America/Nuuk', 'Pacific/Kanton']) expect(zones, current).toContain(current);
    for (const legacy of ['Europe/Kiev', 'Asia/Calcutta', 'Asia/Saigon', 'America/Godthab', 'Pacific/Enderbury']) expect(zones, legacy).not.toContain(legacy);
    expect(new Set(zones).size).toBe(zones.length);
    expect([...zones].sort()).toEqual(zones);
  });

  it('offers only names the API takes, and the API still takes the legacy ones', () => {
    for (const zone of timeZoneNames()) expect(isTimeZone(zone), zone).toBe(true);
    for (const legacy of ['Europe/Kiev', 'Asia/Calcutta']) expect(isTimeZone(legacy), legacy).toBe(true);
  });

  it('names a legacy zone by its current name and leaves every other as it is', () => {
    expect(currentTimeZoneName('Europe/Kiev')).toBe('Europe/Kyiv');
    expect(currentTimeZoneName('Asia/Calcutta')).toBe('Asia/Kolkata');
    expect(currentTimeZoneName('Asia/Tbilisi')).toBe('Asia/Tbilisi');
  });

  it('starts a form with the browser\'s zone when it is listed, else the usual one, else UTC', () => {
    // Chromium reports Kyiv by its legacy name.
    expect(defaultTimeZone('Europe/Kiev', 'Asia/Tbilisi')).toBe('Europe/Kyiv');
    expect(defaultTimeZone('UTC', 'Asia/Tbilisi')).toBe('Asia/Tbilisi');
    expect(defaultTimeZone('UTC', 'Asia/Calcutta')).toBe('Asia/Kolkata');
    expect(defaultTimeZone(undefined, undefined)).toBe('UTC');
  });
});
