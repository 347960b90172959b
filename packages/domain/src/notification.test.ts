import { describe, expect, it } from 'vitest';
import { LOCALES } from './i18n/locales.js';
import { mailText } from './mail-text.js';
import { countryTimeZone } from './time-zones.js';
import {
  memberMatchMailStands,
  composeSignInMail,
  composeDigestMail,
  digestAsItStands,
  digestCounts,
  memberDigestDue,
  memberMailFrequency,
  composeMatchMail,
  composeMemberMatchMail,
  weakerMatchLine,
  memberRecipients,
  coordinatorRecipients,
  CoordinatorInput,
  digestDue,
  digestNotificationId,
  escapeHtml,
  immediateNotificationId,
  type Coordinator,
  type MatchNotice,
  type MatchNow,
  type MemberSide,
} from './notification.js';

const coordinator = (over: Partial<Coordinator> = {}): Coordinator => ({
  id: 'c1',
  networkId: 'eu4culture',
  name: 'Ana',
  email: 'ana@eu4culture.example',
  preference: { mode: 'immediate', timeZone: 'UTC', digestHour: 8 },
  ...over,
});

const notice: MatchNotice & { state: 'proposed' | 'confirmed' } = {
  matchId: 'a|b',
  profileIds: ['a', 'b'],
  names: ['<b>Kutaisi</b>', 'Gyumri & Co'],
  state: 'proposed',
  summary: 'Both give "Climate" high priority',
  score: 0.72,
  sharedNetworks: ['eu4culture', 'eunic'],
  version: 3,
};

describe('coordinator mails', () => {
  it('escapes the five HTML characters', () => {
    expect(escapeHtml(`<a href="x" title='y'>&</a>`)).toBe('&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;');
  });

  it('picks each coordinator of a shared network once and skips those who chose off', () => {
    const both = coordinator({ id: 'c1' });
    const second = coordinator({ id: 'c1', networkId: 'eunic' });
    const off = coordinator({ id: 'c2', networkId: 'eunic', preference: { mode: 'off', timeZone: 'UTC', digestHour: 8 } });
    const elsewhere = coordinator({ id: 'c3', networkId: 'other' });
    expect(coordinatorRecipients(notice, [both, second, off, elsewhere]).map((r) => [r.coordinator.id, r.networkId])).toEqual([['c1', 'eu4culture']]);
  });

  it('keys a mail by match version, state, recipient and kind', () => {
    expect(immediateNotificationId(notice, 'c1')).toBe('match:a|b:v3:proposed:coordinator:c1:immediate');
    expect(immediateNotificationId({ ...notice, state: 'confirmed' }, 'c1')).not.toBe(immediateNotificationId(notice, 'c1'));
    expect(digestNotificationId('c1', '2026-11-25')).toBe('digest:c1:2026-11-25:digest');
  });

  it('says who matched whom and why, escapes the HTML part, and links from the configured base URL', () => {
    const mail = composeMatchMail(notice, { coordinator: coordinator(), networkId: 'eu4culture', networkName: 'EU4Culture' }, { baseUrl: 'https://app.example.org/' });
    expect(mail.subject).toBe('CultureBridge · EU4Culture: <b>Kutaisi</b> and Gyumri & Co were matched');
    expect(mail.text).toContain('https://app.example.org/#/dashboard/eu4culture');
    expect(mail.text).toContain('Why: Both give "Climate" high priority');
    expect(mail.text).toContain('https://app.example.org/#/matches/a/b');
    expect(mail.text).toContain('https://app.example.org/#/preferences/coordinators/c1');
    expect(mail.html).toContain('&lt;b&gt;Kutaisi&lt;/b&gt; and Gyumri &amp; Co were matched');
    expect(mail.html).toContain('Both give &quot;Climate&quot; high priority');
    expect(mail.html).not.toContain('<b>Kutaisi');
    expect(composeMatchMail({ ...notice, state: 'confirmed' }, { coordinator: coordinator(), networkId: 'eu4culture' }, { baseUrl: 'https://app.example.org' }).subject).toContain('confirmed their partnership');
  });

  it('keeps a subject on one line', () => {
    expect(composeMatchMail({ ...notice, names: ['A\r\nBcc: x@y.example', 'B'] }, { coordinator: coordinator(), networkId: 'n' }, { baseUrl: 'https://a.example' }).subject).not.toMatch(/[\r\n]/);
  });

  const recipient = { role: 'coordinator' as const, id: 'c1', name: 'Ana', networkId: 'eu4culture', networkName: 'EU4Culture' };

  it('lists a digest oldest first and composes nothing when nothing is pending', () => {
    const entries = [
      { notice: { ...notice, matchId: 'c|d', profileIds: ['c', 'd'] as [string, string], names: ['Poti', 'Rivne'] as [string, string] }, occurredAt: '2026-11-24T12:00:00Z' },
      { notice, occurredAt: '2026-11-24T09:00:00Z' },
    ];
    const mail = composeDigestMail(recipient, 'daily', '2026-11-25', entries, 2, { baseUrl: 'https://app.example.org' });
    expect(mail?.subject).toBe('CultureBridge · EU4Culture: daily digest, 2 new matches (November 25, 2026)');
    expect(mail?.text.indexOf('Kutaisi')).toBeLessThan(mail?.text.indexOf('Poti') ?? 0);
    expect(mail?.html).not.toContain('<b>Kutaisi');
    expect(composeDigestMail(recipient, 'daily', '2026-11-25', [], 0, { baseUrl: 'https://app.example.org' })).toBeUndefined();
  });

  it('names a digest\'s day or week as the recipient\'s language writes a date, never as 2026-11-25 or 2026-W48', () => {
    const entries = [{ notice, occurredAt: '2026-11-24T09:00:00Z' }];
    const digest = (locale: 'en' | 'ru' | 'ka', period: string) => composeDigestMail({ ...recipient, locale }, 'daily', period, entries, 0, { baseUrl: 'https://app.example.org' })?.subject ?? '';
    expect(digest('ru', '2026-11-25')).toMatch(/\(25 ноября 2026 г\.\)$/);
    // An ISO week by its Monday: week 48 of 2026 begins on 23 November.
    expect(digest('en', '2026-W48')).toMatch(/\(week of November 23, 2026\)$/);
    expect(digest('ka', '2026-W48')).not.toContain('W48');
    expect(digest('ka', '2026-W48')).toContain('2026');
  });

  it('finds the digest due from the local digest hour on, on the local date', () => {
    const pref = { mode: 'digest' as const, timeZone: 'Asia/Tbilisi', digestHour: 8 };
    expect(digestDue(pref, new Date('2026-11-25T03:59:00Z'))).toEqual({ due: false, localDate: '2026-11-25' });
    expect(digestDue(pref, new Date('2026-11-25T04:00:00Z'))).toEqual({ due: true, localDate: '2026-11-25' });
    // 20:30 UTC is already 00:30 the next day in Tbilisi: a new local day, not yet its hour.
    expect(digestDue(pref, new Date('2026-11-25T20:30:00Z'))).toEqual({ due: false, localDate: '2026-11-26' });
    expect(digestDue({ ...pref, mode: 'off' }, new Date('2026-11-25T10:00:00Z')).due).toBe(false);
  });

  it('validates a coordinator: address, IANA time zone, hour', () => {
    expect(CoordinatorInput.parse({ networkId: 'eu4culture', name: 'Ana', email: 'ANA@X.example' })).toMatchObject({ email: 'ana@x.example', preference: { mode: 'digest' } });
    expect(CoordinatorInput.safeParse({ networkId: 'eu4culture', name: 'Ana', email: 'a@x.example', preference: { mode: 'digest', timeZone: 'Mars/Olympus', digestHour: 8 } }).success).toBe(false);
    expect(CoordinatorInput.safeParse({ networkId: 'eu4culture', name: 'Ana', email: 'a@x.example', preference: { mode: 'digest', timeZone: 'UTC', digestHour: 24 } }).success).toBe(false);
    expect(CoordinatorInput.parse({ networkId: 'eu4culture', name: 'Ana', email: 'a@x.example', locale: 'hy' }).locale).toBe('hy');
    expect(CoordinatorInput.safeParse({ networkId: 'eu4culture', name: 'Ana', email: 'a@x.example', locale: 'fr' }).success).toBe(false);
  });
});

describe('member mails', () => {
  const BASE = 'https://app.culturebridge.example';
  const side = (id: string, name: string, matchEmails?: boolean): MemberSide => ({
    id,
    name,
    contact: { name: `<i>${name} contact</i>`, email: `${id}@partner.example` },
    ...(matchEmails === undefined ? {} : { matchEmails }),
  });
  const kutaisi = side('a', '<b>Kutaisi</b>', true);
  const gyumri = side('b', 'Gyumri & Co', false);

  it('tells both sides, each with its partner: at once for an old opt-in, otherwise in a daily digest', () => {
    expect(memberRecipients([kutaisi, gyumri])).toEqual([
      { self: kutaisi, partner: gyumri, frequency: 'immediate' },
      { self: gyumri, partner: kutaisi, frequency: 'daily' },
    ]);
    expect(memberRecipients([side('a', 'A'), side('b', 'B')]).map((r) => r.frequency)).toEqual(['daily', 'daily']);
  });

  it('names the partner, says why and links to accept, decline and preferences on a proposal, without any contact', () => {
    const mail = composeMemberMatchMail(notice, { self: kutaisi, partner: gyumri }, { baseUrl: BASE });
    expect(mail.subject).toBe('CultureBridge: you were matched with Gyumri & Co');
    for (const part of [mail.text, mail.html]) {
      expect(part).toContain(`${BASE}/#/matches/a/b/accept`);
      expect(part).toContain(`${BASE}/#/matches/a/b/decline`);
      expect(part).toContain(`${BASE}/#/preferences/profiles/a`);
      // Contacts are revealed only once both accepted.
      expect(part).not.toContain('b@partner.example');
      expect(part).not.toContain('Gyumri & Co contact');
      expect(part).not.toContain('Gyumri &amp; Co contact');
    }
    expect(mail.text).toContain('Why: Both give "Climate" high priority');
    expect(mail.text).toContain('Hello <i><b>Kutaisi</b> contact</i>,');
  });

  it('puts one mark after a label in every language ("Ինչու՝", not "Ինչու՝:")', () => {
    for (const locale of LOCALES) {
      const mails = [
        composeMemberMatchMail(notice, { self: { ...kutaisi, locale }, partner: gyumri }, { baseUrl: BASE }),
        composeMemberMatchMail({ ...notice, state: 'confirmed' }, { self: { ...gyumri, locale }, partner: kutaisi }, { baseUrl: BASE }),
        composeMatchMail(notice, { coordinator: coordinator({ locale }), networkId: 'eu4culture' }, { baseUrl: BASE }),
      ];
      for (const mail of mails) expect(mail.text, locale).not.toMatch(/[:՝։]\s*:/u);
    }
  });

  it('marks a weaker match in the member and the coordinator mail, and only a weaker one', () => {
    const weaker = { ...notice, weaker: true, summary: 'A weaker match: no theme or words in common yet; shared language: English' };
    const member = composeMemberMatchMail(weaker, { self: kutaisi, partner: gyumri }, { baseUrl: BASE });
    expect(member.text).toContain(weakerMatchLine());
    expect(member.html).toContain('This is a weaker match');
    const coordinatorMail = composeMatchMail(weaker, { coordinator: coordinator(), networkId: 'eu4culture' }, { baseUrl: BASE });
    expect(coordinatorMail.text).toContain(weakerMatchLine());
    expect(coordinatorMail.html).toContain('This is a weaker match');
    expect(composeMemberMatchMail(notice, { self: kutaisi, partner: gyumri }, { baseUrl: BASE }).text).not.toContain('weaker');
  });

  it('escapes every user value in the HTML part', () => {
    const mail = composeMemberMatchMail(notice, { self: kutaisi, partner: gyumri }, { baseUrl: BASE });
    expect(mail.html).toContain('&lt;b&gt;Kutaisi&lt;/b&gt;');
    expect(mail.html).toContain('Gyumri &amp; Co');
    expect(mail.html).toContain('Both give &quot;Climate&quot; high priority');
    expect(mail.html).toContain('Hello &lt;i&gt;&lt;b&gt;Kutaisi&lt;/b&gt; contact&lt;/i&gt;');
    expect(mail.html).not.toMatch(/<b>|<i>/);
  });

  it('says both accepted and gives the partner\'s contact once the match is confirmed, without accept or decline links', () => {
    const mail = composeMemberMatchMail({ ...notice, state: 'confirmed' }, { self: gyumri, partner: kutaisi }, { baseUrl: BASE });
    expect(mail.subject).toBe('CultureBridge: you and <b>Kutaisi</b> both accepted');
    expect(mail.text).toContain('both accepted');
    expect(mail.text).toContain('<i><b>Kutaisi</b> contact</i> <a@partner.example>');
    expect(mail.html).toContain('&lt;i&gt;&lt;b&gt;Kutaisi&lt;/b&gt; contact&lt;/i&gt; &lt;<a href="mailto:a@partner.example">a@partner.example</a>&gt;');
    for (const part of [mail.text, mail.html]) {
      expect(part).toContain(`${BASE}/#/matches/b/a`);
      expect(part).not.toContain('/accept');
      expect(part).not.toContain('/decline');
      expect(part).toContain(`${BASE}/#/preferences/profiles/b`);
    }
  });

  it('keeps a line break in a partner name out of the subject header', () => {
    const mail = composeMemberMatchMail(notice, { self: kutaisi, partner: side('b', 'Evil\r\nBcc: x@y.example') }, { baseUrl: BASE });
    expect(mail.subject).not.toMatch(/[\r\n]/);
  });
});

describe('the magic-link mail', () => {
  const BASE = 'https://app.culturebridge.example';

  it('carries the token in the link fragment, and says the same whoever it is for', () => {
    const mail = composeSignInMail('tok_en-1', { purpose: 'sign-in' }, 15, { baseUrl: BASE });
    expect(mail.text).toContain(`${BASE}/#/sign-in?token=tok_en-1`);
    expect(mail.html).toContain(`href="${BASE}/#/sign-in?token=tok_en-1"`);
    expect(mail.text).toContain('15 minutes');
    expect(mail.subject).toBe('CultureBridge: your sign-in link');
  });

  it('asks to confirm a submitted profile, naming it', () => {
    const mail = composeSignInMail('t', { purpose: 'confirm-profile', profile: 'Kutaisi' }, 15, { baseUrl: `${BASE}/` });
    expect(mail.subject).toBe('CultureBridge: confirm the profile Kutaisi');
    expect(mail.text).toContain('The CultureBridge profile Kutaisi was submitted with this address as its contact.');
    expect(mail.text).toContain(`${BASE}/#/sign-in?token=t`);
  });

  it('asks a new contact address to confirm a change the owner asked for, without saying the profile waits unmatched', () => {
    const mail = composeSignInMail('t', { purpose: 'confirm-profile', profile: 'Kutaisi', contactChange: true }, 15, { baseUrl: BASE });
    expect(mail.text).toContain('The owner of the CultureBridge profile Kutaisi asked to make this address its contact.');
    expect(mail.text).not.toContain('not matched');
    for (const locale of LOCALES) {
      const inLocale = composeSignInMail('t', { purpose: 'confirm-profile', profile: 'Полтава', contactChange: true }, 15, { baseUrl: BASE }, locale);
      expect(inLocale.text.split('\n')[0], locale).toBe(mailText(locale).signIn.changeIntro('Полтава'));
      expect(inLocale.text, locale).not.toContain(mailText(locale).signIn.intro['confirm-profile']('Полтава'));
    }
  });

  it('invites an imported member naming the network and the profile, and ends as fits a mail nobody asked for', () => {
    const invite = { purpose: 'invite-member', profile: 'Полтава', network: 'EU4Culture' } as const;
    const mail = composeSignInMail('t', invite, 60 * 24 * 7, { baseUrl: BASE });
    expect(mail.subject).toBe('CultureBridge · EU4Culture: confirm the profile Полтава');
    expect(mail.text).toContain('A coordinator of EU4Culture added your organisation to CultureBridge as the profile Полтава');
    expect(mail.text).toContain('If Полтава is not your organisation, ignore this mail: nothing about it is shown to anyone until you confirm.');
    expect(mail.text).not.toContain('did not ask');
    expect(mail.html).toContain('EU4Culture');
    // In every language: the names are in it, and the ending is not the sign-in mail's.
    for (const locale of LOCALES) {
      const inLocale = composeSignInMail('t', invite, 60 * 24 * 7, { baseUrl: BASE }, locale);
      for (const name of ['EU4Culture', 'Полтава']) {
        expect(inLocale.subject, locale).toContain(name);
        expect(inLocale.text, locale).toContain(name);
      }
      expect(inLocale.text, locale).not.toContain(mailText(locale).signIn.ignore);
      const confirm = composeSignInMail('t', { purpose: 'confirm-profile', profile: 'Полтава' }, 15, { baseUrl: BASE }, locale);
      expect(confirm.subject, locale).toContain('Полтава');
      expect(confirm.text.split('\n')[0], locale).toContain('Полтава');
    }
    const uk = composeSignInMail('t', invite, 60 * 24 * 7, { baseUrl: BASE }, 'uk');
    expect(uk.text).toContain('EU4Culture');
    expect(uk.text).not.toContain('вашої мережі');
  });
});

describe('mails in the recipient\'s language', () => {
  const reasons = [
    { kind: 'shared-theme', themeId: 'climate-environment', priorities: ['high', 'high'] },
    { kind: 'offers', from: 'k', to: 'g', resource: 'venue' },
    { kind: 'shared-language', language: 'en' },
  ] as MatchNotice['reasons'];
  const pair: MatchNotice & { state: 'proposed' } = { ...notice, state: 'proposed', matchId: 'g|k', profileIds: ['g', 'k'], names: ['Gyumri', 'Kutaisi'], summary: 'English summary', reasons };
  const links = { baseUrl: 'https://app.example.org' };
  const member = (locale: 'uk' | 'az'): MemberSide => ({ id: 'g', name: 'Gyumri', contact: { name: locale === 'uk' ? 'Олена' : 'Aysel', email: 'culture@gyumri.example' }, matchEmails: true, locale });
  const partner: MemberSide = { id: 'k', name: 'Kutaisi', contact: { name: 'Nino', email: 'culture@kutaisi.example' } };

  it('writes a coordinator\'s match mail in Ukrainian and in Azerbaijani, subject included, reasons as short sentences', () => {
    const uk = composeMatchMail(pair, { coordinator: coordinator({ name: 'Олена', locale: 'uk' }), networkId: 'eu4culture' }, links);
    expect(uk.subject).toBe('CultureBridge · eu4culture: Gyumri і Kutaisi: новий збіг');
    expect(uk.text.split('\n')).toEqual([
      'Вітаємо, Олена!',
      '',
      'Gyumri і Kutaisi: новий збіг — у вашій мережі eu4culture.',
      '',
      'Чому:',
      '- Обидві сторони надають високий пріоритет темам: Клімат і довкілля.',
      '- Kutaisi пропонує майданчик, Gyumri шукає його.',
      '- Спільна мова: англійська.',
      'Оцінка: 72/100',
      '',
      'Переглянути збіг: https://app.example.org/#/matches/g/k',
      'Відкрити панель мережі: https://app.example.org/#/dashboard/eu4culture',
      '',
      'Змінити налаштування листів або відписатися: https://app.example.org/#/preferences/coordinators/c1',
    ]);
    expect(uk.html).toContain('<html lang="uk">');
    expect(uk.html).toContain('<li>Kutaisi пропонує майданчик, Gyumri шукає його.</li>');
    expect(uk.text).not.toContain('English summary');

    const az = composeMatchMail({ ...pair, state: 'confirmed' }, { coordinator: coordinator({ name: 'Aysel', locale: 'az' }), networkId: 'eu4culture' }, links);
    expect(az.subject).toBe('CultureBridge · eu4culture: Gyumri və Kutaisi tərəfdaşlığı təsdiqlədi');
    expect(az.text).toContain('Salam, Aysel!');
    expect(az.text).toContain('Gyumri və Kutaisi tərəfdaşlığı təsdiqlədi — eu4culture şəbəkənizdə.');
    expect(az.text).toContain('- Hər iki tərəf üçün yüksək prioritetli mövzular: İqlim və ətraf mühit.');
    expect(az.text).toContain('- Kutaisi məkan təklif edir, Gyumri isə bunu axtarır.');
    expect(az.text).toContain('- Ortaq dil: ingilis.');
    expect(az.text).toContain('Bal: 72/100');
    expect(az.html).toContain('<a href="https://app.example.org/#/matches/g/k">Uyğunluğa baxın</a>');
  });

  it.each(LOCALES)('writes the score in %s as every page writes it ("72/100"), not "72 / 100"', (locale) => {
    const mail = composeMatchMail(pair, { coordinator: coordinator({ locale }), networkId: 'eu4culture' }, links);
    const line = mail.text.split('\n').find((l) => l.includes('72')) ?? '';
    expect(line).toMatch(/72\/100$/);
    expect(line).not.toContain(' / ');
  });

  /** One day of a network: three new matches, one of them accepted by one side, one confirmed, one expired. */
  const day = (state: MatchNotice['state'], matchId: string, names: [string, string], occurredAt: string) => ({
    notice: { ...pair, state, matchId, profileIds: matchId.split('|') as [string, string], names },
    occurredAt: `2026-11-24T${occurredAt}:00Z`,
  });
  const networkDay = [
    day('proposed', 'g|k', ['Gyumri', 'Kutaisi'], '09:00'),
    day('proposed', 'c|d', ['Poti', 'Rivne'], '09:05'),
    day('proposed', 'e|f', ['Cahul', 'Orhei'], '09:10'),
    day('accepted', 'g|k', ['Gyumri', 'Kutaisi'], '10:00'),
    day('confirmed', 'a|b', ['Shaki', 'Sevan'], '11:00'),
    day('expired', 'h|i', ['Balti', 'Lankaran'], '12:00'),
  ];

  it('writes a coordinator\'s digest in Ukrainian and in Azerbaijani: subject, counts in the plural forms of the language, dashboard and item lines', () => {
    const coordinatorOf = (name: string, locale: 'uk' | 'az') => ({ role: 'coordinator' as const, id: 'c1', name, networkId: 'eu4culture', networkName: 'EU4Culture', locale });
    const uk = composeDigestMail(coordinatorOf('Олена', 'uk'), 'daily', '2026-11-25', networkDay, 5, links);
    if (!uk) throw new Error('expected a digest');
    expect(uk.subject).toBe('CultureBridge · EU4Culture: щоденний дайджест, 3 нові збіги, 1 збіг прийнято однією стороною (25 листопада 2026 р.)');
    expect(uk.text.split('\n')).toEqual([
      'Вітаємо, Олена!',
      '',
      'Що сталося у вашій мережі EU4Culture від попереднього дайджесту:',
      '',
      '  3 нові збіги',
      '  1 збіг прийнято однією стороною',
      '  1 збіг підтверджено обома сторонами',
      '  5 збігів чекають на відповідь',
      '  1 збіг, термін якого минув',
      '',
      'Відкрити панель мережі: https://app.example.org/#/dashboard/eu4culture',
      '',
      '- Новий: Gyumri і Kutaisi: https://app.example.org/#/matches/g/k',
      '- Новий: Poti і Rivne: https://app.example.org/#/matches/c/d',
      '- Новий: Cahul і Orhei: https://app.example.org/#/matches/e/f',
      '- Прийнято однією стороною: Gyumri і Kutaisi: https://app.example.org/#/matches/g/k',
      '- Підтверджено: Shaki і Sevan: https://app.example.org/#/matches/a/b',
      '- Термін минув: Balti і Lankaran: https://app.example.org/#/matches/h/i',
      '',
      'Змінити налаштування листів або відписатися: https://app.example.org/#/preferences/coordinators/c1',
    ]);
    expect(uk.html).toContain('<html lang="uk">');
    expect(uk.html).toContain('<ul class="counts"><li>3 нові збіги</li><li>1 збіг прийнято однією стороною</li><li>1 збіг підтверджено обома сторонами</li><li>5 збігів чекають на відповідь</li><li>1 збіг, термін якого минув</li></ul>');
    expect(uk.html).toContain('<a href="https://app.example.org/#/dashboard/eu4culture"><strong>Відкрити панель мережі</strong></a>');

    const az = composeDigestMail(coordinatorOf('Aysel', 'az'), 'daily', '2026-11-25', networkDay, 5, links);
    if (!az) throw new Error('expected a digest');
    expect(az.subject).toBe('CultureBridge · EU4Culture: gündəlik xülasə, 3 yeni uyğunluq, 1 uyğunluq bir tərəfdən qəbul edilib (25 noyabr 2026)');
    expect(az.text.split('\n')).toEqual([
      'Salam, Aysel!',
      '',
      'Son xülasədən bəri EU4Culture şəbəkənizdə baş verənlər:',
      '',
      '  3 yeni uyğunluq',
      '  1 uyğunluq bir tərəfdən qəbul edilib',
      '  1 uyğunluq hər iki tərəfdən təsdiqlənib',
      '  5 uyğunluq cavab gözləyir',
      '  1 uyğunluğun vaxtı bitib',
      '',
      'Şəbəkə panelini açın: https://app.example.org/#/dashboard/eu4culture',
      '',
      '- Yeni: Gyumri və Kutaisi: https://app.example.org/#/matches/g/k',
      '- Yeni: Poti və Rivne: https://app.example.org/#/matches/c/d',
      '- Yeni: Cahul və Orhei: https://app.example.org/#/matches/e/f',
      '- Bir tərəf qəbul edib: Gyumri və Kutaisi: https://app.example.org/#/matches/g/k',
      '- Təsdiqlənib: Shaki və Sevan: https://app.example.org/#/matches/a/b',
      '- Vaxtı bitib: Balti və Lankaran: https://app.example.org/#/matches/h/i',
      '',
      'Məktub ayarlarını dəyişin və ya abunəlikdən çıxın: https://app.example.org/#/preferences/coordinators/c1',
    ]);
    expect(az.html).toContain('<html lang="az">');
    // Only reminders: the subject says how many wait for an answer (a fresh tester read "nothing new"
    // above a list of reminders), in the recipient's language.
    expect(composeDigestMail(coordinatorOf('Олена', 'uk'), 'now', '2026-11-25', [day('reminder', 'g|k', ['Gyumri', 'Kutaisi'], '13:00')], 2, links)?.subject).toBe(
      'CultureBridge · EU4Culture: дайджест, 2 збіги чекають на відповідь (25 листопада 2026 р.)',
    );
  });

  it('marks a weaker match\'s item in a digest, in the recipient\'s language (#14)', () => {
    const plain = day('proposed', 'c|d', ['Poti', 'Rivne'], '09:05');
    const weaker = { ...plain, notice: { ...plain.notice, weaker: true } };
    const entries = [day('proposed', 'g|k', ['Gyumri', 'Kutaisi'], '09:00'), weaker];
    const en = composeDigestMail({ role: 'coordinator', id: 'c1', name: 'Ana', networkId: 'eu4culture' }, 'daily', '2026-11-25', entries, 2, links);
    expect(en?.text).toContain('- New: Gyumri and Kutaisi: https://app.example.org/#/matches/g/k\n- New: Poti and Rivne (weaker match): https://app.example.org/#/matches/c/d');
    expect(en?.html).toContain('>New: Poti and Rivne (weaker match)</a>');
    const uk = composeDigestMail({ role: 'coordinator', id: 'c1', name: 'Олена', networkId: 'eu4culture', locale: 'uk' }, 'daily', '2026-11-25', entries, 2, links);
    expect(uk?.text).toContain('- Новий: Poti і Rivne (слабший збіг): https://app.example.org/#/matches/c/d');
    expect(uk?.text).toContain('- Новий: Gyumri і Kutaisi: https://app.example.org/#/matches/g/k');
  });

  it('writes a member\'s digest in Ukrainian and in Azerbaijani: subject, counts, its matches link, item lines and the line for what is left out', () => {
    const uk = composeDigestMail({ role: 'member', id: 'g', name: 'Олена', profileName: 'Gyumri', locale: 'uk' }, 'weekly', '2026-W48', [networkDay[0]!, networkDay[3]!, day('reminder', 'g|k', ['Gyumri', 'Kutaisi'], '13:00')], 1, links);
    if (!uk) throw new Error('expected a digest');
    expect(uk.subject).toBe('CultureBridge · Gyumri: щотижневий дайджест, 1 новий збіг, 1 збіг прийнято однією стороною (тиждень з 23 листопада 2026 р.)');
    expect(uk.text.split('\n')).toEqual([
      'Вітаємо, Олена!',
      '',
      'Що сталося зі збігами для Gyumri від попереднього дайджесту:',
      '',
      '  1 новий збіг',
      '  1 збіг прийнято однією стороною',
      '  0 збігів підтверджено обома сторонами',
      '  1 збіг чекає на відповідь',
      '  0 збігів, термін яких минув',
      '',
      'Переглянути всі ваші збіги: https://app.example.org/#/profiles/g',
      '',
      '- Новий: Gyumri і Kutaisi: https://app.example.org/#/matches/g/k',
      '- Прийнято однією стороною: Gyumri і Kutaisi: https://app.example.org/#/matches/g/k',
      '- Чекає на вашу відповідь: Gyumri і Kutaisi: https://app.example.org/#/matches/g/k',
      '',
      'Змінити налаштування листів або відписатися: https://app.example.org/#/preferences/profiles/g',
    ]);

    // 27 new partners for Gyumri: 25 listed, the rest counted.
    const many = Array.from({ length: 27 }, (_, i) => day('proposed', `g|p${String(i).padStart(2, '0')}`, ['Gyumri', `Partner ${i}`], `09:${String(i).padStart(2, '0')}`));
    const az = composeDigestMail({ role: 'member', id: 'g', name: 'Aysel', profileName: 'Gyumri', locale: 'az' }, 'daily', '2026-11-25', many, 27, links);
    if (!az) throw new Error('expected a digest');
    expect(az.subject).toBe('CultureBridge · Gyumri: gündəlik xülasə, 27 yeni uyğunluq (25 noyabr 2026)');
    const lines = az.text.split('\n');
    expect(lines.slice(0, 11)).toEqual([
      'Salam, Aysel!',
      '',
      'Son xülasədən bəri Gyumri profilinin uyğunluqlarında baş verənlər:',
      '',
      '  27 yeni uyğunluq',
      '  0 uyğunluq bir tərəfdən qəbul edilib',
      '  0 uyğunluq hər iki tərəfdən təsdiqlənib',
      '  27 uyğunluq cavab gözləyir',
      '  0 uyğunluğun vaxtı bitib',
      '',
      'Bütün uyğunluqlarınıza baxın: https://app.example.org/#/profiles/g',
    ]);
    expect(lines[12]).toBe('- Yeni: Gyumri və Partner 0: https://app.example.org/#/matches/g/p00');
    expect(lines.slice(-3)).toEqual(['… və paneldə daha 2.', '', 'Məktub ayarlarını dəyişin və ya abunəlikdən çıxın: https://app.example.org/#/preferences/profiles/g']);
    expect(az.html).toContain('<p>… və paneldə daha 2.</p>');
  });

  it('writes a member\'s reminder, acceptance and expiry mail in Ukrainian and in Azerbaijani', () => {
    const reminder = composeMemberMatchMail({ ...pair, state: 'reminder' }, { self: member('uk'), partner }, links);
    expect(reminder.subject).toBe('CultureBridge: Kutaisi чекає на вашу відповідь');
    expect(reminder.text).toContain(
      'Для Gyumri запропоновано партнера Kutaisi, але відповіді ще немає. Термін збігів без відповіді минає, щоб і інші учасники отримали шанс.',
    );
    expect(reminder.text).toContain('Прийняти: https://app.example.org/#/matches/g/k/accept');

    const accepted = composeMemberMatchMail({ ...pair, state: 'accepted', acceptedBy: ['k'] }, { self: member('uk'), partner }, links);
    expect(accepted.subject).toBe('CultureBridge: Kutaisi приймає збіг із вами');
    expect(accepted.text).toContain('Збіг для Gyumri прийняла інша сторона: Kutaisi. Тепер ваша черга відповісти.');

    const expired = composeMemberMatchMail({ ...pair, state: 'expired' }, { self: member('az'), partner }, links);
    expect(expired.subject).toBe('CultureBridge: Kutaisi ilə uyğunluğunuzun vaxtı bitdi');
    expect(expired.text.split('\n')).toEqual([
      'Salam, Aysel!',
      '',
      'Gyumri və Kutaisi uyğunluğunun vaxtı bitdi: cavabı çox uzun gözlədi. Başqa tərəfdaşlar təklif edəcəyik.',
      '',
      'Uyğunluğa baxın: https://app.example.org/#/matches/g/k',
      '',
      'Məktub ayarlarını dəyişin və ya abunəlikdən çıxın: https://app.example.org/#/preferences/profiles/g',
    ]);
    expect(composeMemberMatchMail({ ...pair, state: 'reminder' }, { self: member('az'), partner }, links).subject).toBe('CultureBridge: Kutaisi cavabınızı gözləyir');
  });

  it('writes a member\'s match mail in Ukrainian and in Azerbaijani, from the member\'s own side', () => {
    const uk = composeMemberMatchMail(pair, { self: member('uk'), partner }, links);
    expect(uk.subject).toBe('CultureBridge: для вас запропоновано партнера — Kutaisi');
    expect(uk.text).toContain('Вітаємо, Олена!');
    expect(uk.text).toContain('Для Gyumri запропоновано партнера: Kutaisi.');
    expect(uk.text).toContain('- Kutaisi пропонує майданчик, і це потрібно вам.');
    expect(uk.text).toContain('Прийняти: https://app.example.org/#/matches/g/k/accept');
    expect(uk.text).toContain('Контакти передаються, лише коли обидві сторони прийняли збіг.');
    expect(uk.text).not.toContain('culture@kutaisi.example');

    const az = composeMemberMatchMail({ ...pair, state: 'confirmed' }, { self: member('az'), partner }, links);
    expect(az.subject).toBe('CultureBridge: siz və Kutaisi hər ikiniz qəbul etdiniz');
    expect(az.text).toContain('Siz və Kutaisi uyğunluğu qəbul etdiniz. İndi bir-birinizlə əlaqə saxlaya bilərsiniz:');
    expect(az.text).toContain('Nino <culture@kutaisi.example>');
    expect(az.text).toContain('- Kutaisi məkan təklif edir və bu sizə lazımdır.');
  });

  it('writes English to a recipient without a language, and renders a reason kind it does not know', () => {
    const mail = composeMatchMail({ ...pair, reasons: [...(reasons ?? []), { kind: 'text-overlap', terms: ['jazz'] }] }, { coordinator: coordinator(), networkId: 'eu4culture' }, links);
    expect(mail.subject).toBe('CultureBridge · eu4culture: Gyumri and Kutaisi were matched');
    expect(mail.text).toContain('- Kutaisi offers a venue, Gyumri needs one.');
    expect(mail.text).toContain('- Another reason: text-overlap.');
  });
});

describe('digests', () => {
  const BASE = 'https://app.example.org';
  const pair = (matchId: string, names: [string, string], state: MatchNotice['state'], occurredAt: string) => ({
    notice: { ...notice, matchId, profileIds: matchId.split('|') as [string, string], names, state },
    occurredAt,
  });
  const entries = [
    pair('a|b', ['Kutaisi', 'Gyumri'], 'proposed', '2026-11-24T09:00:00Z'),
    pair('c|d', ['Poti', 'Rivne'], 'proposed', '2026-11-24T09:05:00Z'),
    pair('a|b', ['Kutaisi', 'Gyumri'], 'accepted', '2026-11-24T10:00:00Z'),
    pair('e|f', ['Cahul', 'Orhei'], 'confirmed', '2026-11-24T11:00:00Z'),
    pair('g|h', ['Shaki', 'Sevan'], 'expired', '2026-11-24T12:00:00Z'),
  ];

  it('opens a coordinator digest with the counts (new, accepted, confirmed, waiting, expired) and a link to the network dashboard', () => {
    expect(digestCounts(entries, 7)).toEqual({ new: 2, accepted: 1, confirmed: 1, waiting: 7, expired: 1 });
    const mail = composeDigestMail({ role: 'coordinator', id: 'c1', name: 'Ana', networkId: 'eu4culture', networkName: 'EU4Culture' }, 'daily', '2026-11-25', entries, 7, { baseUrl: BASE });
    if (!mail) throw new Error('expected a digest');
    expect(mail.subject).toBe('CultureBridge · EU4Culture: daily digest, 2 new matches, 1 accepted by one side (November 25, 2026)');
    const lines = mail.text.split('\n');
    const intro = lines.indexOf('What happened in your network EU4Culture since the last digest:');
    expect(intro).toBe(2);
    expect(lines.slice(intro + 2, intro + 7).map((l) => l.trim())).toEqual(['2 new matches', '1 accepted by one side', '1 confirmed by both', '7 waiting for an answer', '1 expired']);
    expect(lines[intro + 8]).toBe(`Open the network dashboard: ${BASE}/#/dashboard/eu4culture`);
    expect(mail.text).toContain(`- Expired: Shaki and Sevan: ${BASE}/#/matches/g/h`);
    expect(mail.text).toContain(`${BASE}/#/preferences/coordinators/c1`);
    // No wall of reasons: the summary is one click away.
    expect(mail.text).not.toContain('Climate');
    expect(mail.html).toContain(`<a href="${BASE}/#/dashboard/eu4culture"><strong>Open the network dashboard</strong></a>`);
    expect(mail.html.indexOf('2 new matches')).toBeLessThan(mail.html.indexOf('New: Kutaisi'));
  });

  it('names the network by its id when it has no display name, and counts a pair once per kind', () => {
    const twice = [...entries, pair('a|b', ['Kutaisi', 'Gyumri'], 'proposed', '2026-11-24T13:00:00Z')];
    expect(digestCounts(twice, 0).new).toBe(2);
    const mail = composeDigestMail({ role: 'coordinator', id: 'c1', name: 'Ana', networkId: 'eunic-x' }, 'daily', '2026-11-25', twice, 0, { baseUrl: BASE });
    expect(mail?.subject).toMatch(/^CultureBridge · eunic-x: daily digest, /);
  });

  it('gives a member a digest about its own profile, with links from its side and to its matches', () => {
    const mail = composeDigestMail({ role: 'member', id: 'b', name: 'Anna', profileName: 'Gyumri' }, 'weekly', '2026-W48', entries.slice(0, 3), 1, { baseUrl: BASE });
    if (!mail) throw new Error('expected a digest');
    expect(mail.subject).toBe('CultureBridge · Gyumri: weekly digest, 2 new matches, 1 accepted by one side (week of November 23, 2026)');
    expect(mail.text).toContain('What happened to the matches of Gyumri since the last digest:');
    expect(mail.text).toContain(`See all your matches: ${BASE}/#/profiles/b`);
    expect(mail.text).toContain(`${BASE}/#/matches/b/a`);
    expect(mail.text).toContain(`${BASE}/#/preferences/profiles/b`);
    expect(mail.text).toContain('1 waiting for an answer');
  });

  it('is due for members at 08:00 UTC daily, or from Monday 08:00 UTC once a week', () => {
    expect(memberDigestDue('daily', new Date('2026-11-25T07:59:00Z'))).toEqual({ due: false, period: '2026-11-25' });
    expect(memberDigestDue('daily', new Date('2026-11-25T08:00:00Z'))).toEqual({ due: true, period: '2026-11-25' });
    // 2026-11-30 is a Monday, in ISO week 49.
    expect(memberDigestDue('weekly', new Date('2026-11-30T07:00:00Z'))).toEqual({ due: false, period: '2026-W49' });
    expect(memberDigestDue('weekly', new Date('2026-11-30T08:00:00Z'))).toEqual({ due: true, period: '2026-W49' });
    expect(memberDigestDue('weekly', new Date('2026-12-03T01:00:00Z'))).toEqual({ due: true, period: '2026-W49' });
    expect(memberDigestDue('weekly', new Date('2026-11-29T12:00:00Z')).due).toBe(false);
    expect(memberDigestDue('off', new Date('2026-11-25T12:00:00Z')).due).toBe(false);
  });

  it("is due at 08:00 on the member's own clock, from the country its profile names", () => {
    // Tbilisi keeps UTC+4, Almaty UTC+5, Chișinău UTC+2 in winter.
    expect(memberDigestDue('daily', new Date('2026-11-25T03:59:00Z'), 'GE').due).toBe(false);
    expect(memberDigestDue('daily', new Date('2026-11-25T04:00:00Z'), 'GE')).toEqual({ due: true, period: '2026-11-25' });
    expect(memberDigestDue('daily', new Date('2026-11-25T03:00:00Z'), 'KZ').due).toBe(true);
    expect(memberDigestDue('daily', new Date('2026-11-25T05:59:00Z'), 'MD').due).toBe(false);
    expect(memberDigestDue('daily', new Date('2026-11-25T06:00:00Z'), 'MD').due).toBe(true);
    // Monday 08:00 in Baku is Monday 04:00 UTC; the period is the member's own week and day.
    expect(memberDigestDue('weekly', new Date('2026-11-30T04:00:00Z'), 'AZ')).toEqual({ due: true, period: '2026-W49' });
    expect(memberDigestDue('daily', new Date('2026-11-25T21:00:00Z'), 'KZ')).toEqual({ due: false, period: '2026-11-26' });
    // A country with clocks that disagree keeps the zone most of its zones keep; no country, UTC.
    expect(countryTimeZone('UA', new Date('2026-11-25T00:00:00Z'))).toBe('Europe/Kyiv');
    expect(countryTimeZone('XX', new Date('2026-11-25T00:00:00Z'))).toBeUndefined();
    expect(memberDigestDue('daily', new Date('2026-11-25T07:59:00Z'), 'XX').due).toBe(false);
  });

  it('keys a member digest by period, and an on-demand one by its time so it does not use up the period', () => {
    expect(digestNotificationId('p1', '2026-W49', 'member')).toBe('digest:member:p1:2026-W49:digest');
    expect(digestNotificationId('c1', '2026-11-25', 'coordinator', '2026-11-25T05:00:00.000Z')).not.toBe(digestNotificationId('c1', '2026-11-25'));
  });
});

describe('who hears about a match, and how often', () => {
  const side = (id: string, over: Partial<MemberSide> = {}): MemberSide => ({ id, name: id, contact: { name: id, email: `${id}@x.example` }, ...over });

  it('defaults members to a daily digest, keeps an old opt-in as a mail per match, and leaves out those who chose off', () => {
    expect(memberMailFrequency({})).toBe('daily');
    expect(memberMailFrequency({ matchEmails: true })).toBe('immediate');
    expect(memberMailFrequency({ matchEmails: true, mailFrequency: 'weekly' })).toBe('weekly');
    expect(memberRecipients([side('a'), side('b', { mailFrequency: 'off' })], { state: 'proposed' }).map((r) => [r.self.id, r.frequency])).toEqual([['a', 'daily']]);
  });

  it('tells the other side when one accepted, and reminds only the sides that have not accepted', () => {
    expect(memberRecipients([side('a'), side('b')], { state: 'accepted', acceptedBy: ['a'] }).map((r) => r.self.id)).toEqual(['b']);
    expect(memberRecipients([side('a'), side('b')], { state: 'reminder', acceptedBy: ['b'] }).map((r) => r.self.id)).toEqual(['a']);
    expect(memberRecipients([side('a'), side('b')], { state: 'expired', acceptedBy: ['a'] }).map((r) => r.self.id)).toEqual(['a', 'b']);
  });

  it('makes coordinators default to a daily digest', () => {
    expect(CoordinatorInput.parse({ networkId: 'eu4culture', name: 'Ana', email: 'ana@x.example' }).preference.mode).toBe('digest');
  });

  it('writes a reminder and an expiry mail for a member, with answer links only while the match can be answered', () => {
    const BASE = 'https://app.example.org';
    const reminder = composeMemberMatchMail({ ...notice, state: 'reminder' }, { self: side('a', { name: 'Kutaisi' }), partner: side('b', { name: 'Gyumri' }) }, { baseUrl: BASE });
    expect(reminder.subject).toBe('CultureBridge: Gyumri is waiting for your answer');
    expect(reminder.text).toContain(`${BASE}/#/matches/a/b/accept`);
    const expired = composeMemberMatchMail({ ...notice, state: 'expired' }, { self: side('a', { name: 'Kutaisi' }), partner: side('b', { name: 'Gyumri' }) }, { baseUrl: BASE });
    expect(expired.subject).toBe('CultureBridge: your match with Gyumri expired');
    expect(expired.text).not.toContain('/accept');
    expect(expired.text).not.toContain('b@x.example');
  });
});

describe('a digest lists each match as it stands when it is sent', () => {
  const BASE = 'https://app.example.org';
  // Kutaisi (k) and two partners: Gyumri (g) and Rivne (r). Match ids are the sorted pair.
  const base = { ...notice, reasons: undefined, names: ['Gyumri', 'Kutaisi'] as [string, string], profileIds: ['g', 'k'] as [string, string], matchId: 'g|k', version: 1 };
  const rivne = { ...base, names: ['Kutaisi', 'Rivne'] as [string, string], profileIds: ['k', 'r'] as [string, string], matchId: 'k|r' };
  const entry = (n: typeof base, state: MatchNotice['state'], at: string, over: Partial<MatchNotice> = {}) => ({ notice: { ...n, state, ...over }, occurredAt: `2026-11-24T${at}:00Z` });
  const stands = (...matches: MatchNow[]) => new Map(matches.map((m) => [m.matchId, m]));
  const now = (matchId: string, state: MatchNow['state'], acceptedBy: string[], version: number): MatchNow => ({ matchId, state, acceptedBy, version });
  const kinds = (entries: readonly { notice: MatchNotice }[]) => entries.map((e) => `${e.notice.state} ${e.notice.matchId}`);
  const coordinatorDigest = { role: 'coordinator' as const, id: 'c1', name: 'Ana', networkId: 'eu4culture', networkName: 'EU4Culture' };

  it('the tester\'s day: Kutaisi declined Rivne and accepted Gyumri before its digest; nothing is "new", the declined pair is left out, and every reader counts the accepted match alike', () => {
    const current = stands(now('g|k', 'accepted', ['k'], 2), now('k|r', 'declined', [], 2));
    // Kutaisi was told of both proposals; Gyumri of its proposal and of Kutaisi's acceptance; Rivne of its proposal.
    const kutaisi = digestAsItStands([entry(base, 'proposed', '09:00'), entry(rivne, 'proposed', '09:01')], current, 'k');
    const gyumri = digestAsItStands([entry(base, 'proposed', '09:00'), entry(base, 'accepted', '10:00', { version: 2, acceptedBy: ['k'] })], current, 'g');
    const network = digestAsItStands([entry(base, 'proposed', '09:00'), entry(rivne, 'proposed', '09:01'), entry(base, 'accepted', '10:00', { version: 2, acceptedBy: ['k'] })], current);
    for (const lines of [kutaisi, gyumri, network]) {
      expect(kinds(lines)).toEqual(['accepted g|k']);
      expect(digestCounts(lines, 1)).toEqual({ new: 0, accepted: 1, confirmed: 0, waiting: 1, expired: 0 });
    }
    expect(digestAsItStands([entry(rivne, 'proposed', '09:01')], current, 'r')).toEqual([]);

    const mail = composeDigestMail({ role: 'member', id: 'k', name: 'Nino', profileName: 'Kutaisi' }, 'daily', '2026-11-25', kutaisi, 1, { baseUrl: BASE });
    expect(mail?.subject).toBe('CultureBridge · Kutaisi: daily digest, 1 accepted by one side (November 25, 2026)');
    expect(mail?.text).not.toContain('New:');
    expect(mail?.text).not.toContain('Rivne');
    // A member reads who has to answer now, their own profile first.
    expect(mail?.text).toContain(`- You accepted: waiting for Gyumri: ${BASE}/#/matches/k/g`);
    const forCoordinator = composeDigestMail(coordinatorDigest, 'daily', '2026-11-25', network, 1, { baseUrl: BASE });
    expect(forCoordinator?.subject).toBe('CultureBridge · EU4Culture: daily digest, 1 accepted by one side (November 25, 2026)');
    expect(forCoordinator?.text).not.toContain('Rivne');
  });

  it('a match both accepted since it was proposed is one "Confirmed" line, even before the confirmation\'s own entry came', () => {
    const current = stands(now('g|k', 'confirmed', ['g', 'k'], 3));
    const all = [entry(base, 'proposed', '09:00'), entry(base, 'accepted', '10:00', { version: 2, acceptedBy: ['g'] }), entry(base, 'confirmed', '11:00', { version: 3, acceptedBy: ['g', 'k'] })];
    expect(kinds(digestAsItStands(all, current, 'k'))).toEqual(['confirmed g|k']);
    expect(kinds(digestAsItStands(all, current))).toEqual(['confirmed g|k']);
    expect(kinds(digestAsItStands(all.slice(0, 2), current, 'k'))).toEqual(['confirmed g|k']);
    const [line] = digestAsItStands(all.slice(0, 2), current, 'k');
    expect(line?.notice).toMatchObject({ version: 3, acceptedBy: ['g', 'k'], names: ['Gyumri', 'Kutaisi'] });
    expect(digestCounts(digestAsItStands(all, current), 0)).toEqual({ new: 0, accepted: 0, confirmed: 1, waiting: 0, expired: 0 });
  });

  it('an expired proposal is one "Expired" line, its proposal and reminder no longer news; a withdrawn one is left out', () => {
    const expired = stands(now('k|r', 'expired', [], 2));
    const lines = digestAsItStands([entry(rivne, 'proposed', '09:00'), entry(rivne, 'reminder', '10:00'), entry(rivne, 'expired', '11:00', { version: 2 })], expired, 'r');
    expect(kinds(lines)).toEqual(['expired k|r']);
    expect(lines[0]?.occurredAt).toBe('2026-11-24T11:00:00Z');
    // The expiry's own entry not there yet: the match's state still says it.
    expect(kinds(digestAsItStands([entry(rivne, 'proposed', '09:00')], expired))).toEqual(['expired k|r']);
    expect(digestAsItStands([entry(rivne, 'proposed', '09:00'), entry(rivne, 'reminder', '10:00')], stands(now('k|r', 'withdrawn', [], 2)), 'r')).toEqual([]);
  });

  it('keeps a reminder while the reader still has to answer, and says "accepted" once the reader did', () => {
    const reminder = [entry(base, 'reminder', '09:00')];
    expect(kinds(digestAsItStands(reminder, stands(now('g|k', 'proposed', [], 1)), 'k'))).toEqual(['reminder g|k']);
    // The partner accepted after the reminder: it still waits for Kutaisi's answer.
    expect(kinds(digestAsItStands(reminder, stands(now('g|k', 'accepted', ['g'], 2)), 'k'))).toEqual(['reminder g|k']);
    expect(kinds(digestAsItStands(reminder, stands(now('g|k', 'accepted', ['k'], 2)), 'k'))).toEqual(['accepted g|k']);
  });

  it('lists a match as its entries say when its current state is not known or older than they are, once per match', () => {
    const entries = [entry(base, 'proposed', '09:00'), entry(base, 'accepted', '10:00', { version: 2, acceptedBy: ['k'] }), entry(rivne, 'proposed', '09:30')];
    expect(kinds(digestAsItStands(entries, stands(), 'g'))).toEqual(['proposed k|r', 'accepted g|k']);
    expect(kinds(digestAsItStands(entries, stands(now('g|k', 'proposed', [], 1)), 'g'))).toEqual(['proposed k|r', 'accepted g|k']);
  });

  it('a member\'s lines name their own profile first and say whose answer an accepted match waits for', () => {
    const waiting = entry(base, 'accepted', '10:00', { version: 2, acceptedBy: ['k'] });
    const forGyumri = composeDigestMail({ role: 'member', id: 'g', name: 'Anna', profileName: 'Gyumri' }, 'daily', '2026-11-25', [waiting], 1, { baseUrl: BASE });
    expect(forGyumri?.text).toContain('- Kutaisi accepted: your answer is awaited');
    const inRussian = composeDigestMail({ role: 'member', id: 'g', name: 'Anna', profileName: 'Gyumri', locale: 'ru' }, 'daily', '2026-11-25', [waiting], 1, { baseUrl: BASE });
    expect(inRussian?.text).toContain('- Kutaisi: предложение принято, ждём вашего ответа');
    // Kutaisi is second in id order, first in its own digest.
    const forKutaisi = composeDigestMail({ role: 'member', id: 'k', name: 'Nino', profileName: 'Kutaisi' }, 'daily', '2026-11-25', [entry(base, 'confirmed', '11:00', { version: 3 })], 0, { baseUrl: BASE });
    expect(forKutaisi?.text).toContain('- Confirmed: Kutaisi and Gyumri');
    // An entry kept before notices said who accepted reads as the pair's line.
    const older = composeDigestMail({ role: 'member', id: 'g', name: 'Anna', profileName: 'Gyumri' }, 'daily', '2026-11-25', [entry(base, 'accepted', '10:00', { version: 2, acceptedBy: undefined })], 1, { baseUrl: BASE });
    expect(older?.text).toContain('- Accepted by one side: Gyumri and Kutaisi');
    // A coordinator reads the pair in id order, as before.
    const forCoordinator = composeDigestMail(coordinatorDigest, 'daily', '2026-11-25', [waiting], 1, { baseUrl: BASE });
    expect(forCoordinator?.text).toContain('- Accepted by one side: Gyumri and Kutaisi');
  });

  it('a digest of reminders only says they wait for an answer in its subject, and a reminder after the partner accepted says so', () => {
    const reminded = entry(base, 'reminder', '08:00', { version: 2, acceptedBy: ['k'] });
    const mail = composeDigestMail({ role: 'member', id: 'g', name: 'Anna', profileName: 'Gyumri' }, 'daily', '2026-12-08', [reminded], 1, { baseUrl: BASE });
    expect(mail?.subject).toBe('CultureBridge · Gyumri: daily digest, 1 waiting for an answer (December 8, 2026)');
    expect(mail?.text).toContain('- Kutaisi accepted: your answer is awaited');
    const plain = composeDigestMail({ role: 'member', id: 'g', name: 'Anna', profileName: 'Gyumri' }, 'daily', '2026-12-08', [entry(base, 'reminder', '08:00')], 1, { baseUrl: BASE });
    expect(plain?.text).toContain('- Waiting for your answer: Gyumri and Kutaisi');
  });
});

describe('memberMatchMailStands', () => {
  it('tells a match as it stands: not an acceptance once the match is confirmed (both accepted at once), the confirmation\'s mail tells', () => {
    expect(memberMatchMailStands({ version: 2, state: 'accepted' }, { version: 3, state: 'confirmed' })).toBe(false);
    expect(memberMatchMailStands({ version: 1, state: 'proposed' }, { version: 3, state: 'confirmed' })).toBe(false);
  });

  it('tells what still stands: the same version, a later one in the same state (a proposal re-scored), the last event, or a match it cannot read', () => {
    expect(memberMatchMailStands({ version: 2, state: 'accepted' }, { version: 2, state: 'accepted' })).toBe(true);
    expect(memberMatchMailStands({ version: 1, state: 'proposed' }, { version: 2, state: 'proposed' })).toBe(true);
    expect(memberMatchMailStands({ version: 3, state: 'confirmed' }, { version: 3, state: 'confirmed' })).toBe(true);
    expect(memberMatchMailStands({ version: 2, state: 'accepted' }, undefined)).toBe(true);
  });
});
