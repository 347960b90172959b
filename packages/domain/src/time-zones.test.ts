import { describe, expect, it } from 'vitest';
import { isTimeZone } from './notification.js';
import { currentTimeZoneName, defaultTimeZone, timeZoneLabel, timeZoneNames } from './time-zones.js';

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

describe('a time zone as a person reads it', () => {
  const winter = new Date('2027-01-15T12:00:00Z');
  const summer = new Date('2027-07-15T12:00:00Z');

  it('writes a POSIX Etc zone by the offset it keeps: Etc/GMT+12 is twelve hours behind UTC', () => {
    expect(timeZoneLabel('Etc/GMT+12', winter)).toBe('UTC−12:00');
    expect(timeZoneLabel('Etc/GMT-14', winter)).toBe('UTC+14:00');
    expect(timeZoneLabel('Etc/GMT+4', winter)).toBe('UTC−04:00');
    for (const utc of ['UTC', 'Etc/UTC', 'Etc/GMT', 'Etc/GMT+0', 'GMT']) expect(timeZoneLabel(utc, winter), utc).toBe('UTC');
  });

  it('writes a named zone with its offset at the instant: summer time shows', () => {
    expect(timeZoneLabel('Asia/Tbilisi', winter)).toBe('Asia/Tbilisi, UTC+04:00');
    expect(timeZoneLabel('Europe/Kyiv', winter)).toBe('Europe/Kyiv, UTC+02:00');
    expect(timeZoneLabel('Europe/Kyiv', summer)).toBe('Europe/Kyiv, UTC+03:00');
    expect(timeZoneLabel('America/St_Johns', winter)).toBe('America/St_Johns, UTC−03:30');
    // A legacy name is written by its current one, as forms offer it.
    expect(timeZoneLabel('Europe/Kiev', winter)).toBe('Europe/Kyiv, UTC+02:00');
  });

  it('leaves a name no runtime knows as it is', () => {
    expect(timeZoneLabel('Mars/Olympus', winter)).toBe('Mars/Olympus');
  });
});
