import { isDeepStrictEqual } from 'node:util';
import {
  byMeetingTime,
  cancelled,
  DEFAULT_LOCALE,
  MEETING_PAGE_LIMITS,
  MeetingInput,
  MAX_PARTICIPANTS,
  MeetingRequestInput,
  MeetingUpdate,
  ProfileId,
  fieldPath,
  heldRounds,
  jsonPointer,
  meetingDateProblem,
  meetingTimesProblems,
  networkDisplayName,
  networksNamedIn,
  participantNames,
  scheduleOf,
  withIssuedTables,
  type FieldProblem,
  type FieldProblemCode,
  type Locale,
  type Meeting,
} from '@culturebridge/domain';
import { scheduleMeeting, type KnownMatch } from '@culturebridge/domain/meeting-planner';
import { HttpProblem, PROBLEM_TYPES, invalidFields, json, keptChanging, meetingCancelled, meetingExists, meetingUnderWay, noContent, notFound, parseBody, parseBodyAlong, sentField, versionConflict, wellFormedEntries } from '@culturebridge/http';
import { isPublishedCopy, type MatchStore, type MeetingLists, type MeetingStore, type MembershipView, type NetworkSettingsStore, type ProfileStore } from '@culturebridge/store';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import type * as z from 'zod';
import { requestFingerprint } from '@culturebridge/api/fingerprint';
import { ownsProfile, refusal, type Caller } from '@culturebridge/api/access';
import { localeQuery } from '@culturebridge/api/locale-query';
import { ID_PATTERN, networkOf } from '@culturebridge/api/path-params';
import { ID_CURSOR, pageCursor, pageQuery } from '@culturebridge/api/page-query';
import type { Route } from '@culturebridge/api/route';

export interface MeetingRouteDeps {
  meetings: MeetingStore;
  /** The network's list of meetings, a page at a time. */
  meetingLists: Pick<MeetingLists, 'page'>;
  matches: MatchStore;
  profiles: ProfileStore;
  /** Networks' display names, for reasons written on the server (a participant's calendar). */
  networkSettings: Pick<NetworkSettingsStore, 'getMany'>;
  now: () => string;
}

function meetingIdOf(event: APIGatewayProxyEventV2): string {
  const id = event.pathParameters?.meetingId ?? '';
  if (!ID_PATTERN.test(id)) throw notFound('meeting');
  return id;
}

const problem = (path: (string | number)[], code: FieldProblemCode, detail: string, params?: FieldProblem['params']): FieldProblem => ({
  field: fieldPath(path),
  pointer: jsonPointer(path),
  code,
  detail,
  ...(params ? { params } : {}),
});

/**
 * A UUID (RFC 9562 §5.8, version 8) from a SHA-256 of who planned what: the same request gives the
 * same id. `after` is the id of a cancelled meeting the same request made before: the plan made
 * again after a cancellation is a new meeting, and its retries find it.
 */
function submissionId(by: string, networkId: string, input: MeetingInput, after?: string): string {
  const hex = requestFingerprint({ by, networkId, input, ...(after ? { after } : {}) }).toString('hex');
  const variant = ((parseInt(hex[16] as string, 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** `date` for a new or changed day that has passed at `at` (see meetingDateProblem), or undefined. */
function dayProblem(date: string, at: string, previous?: string): FieldProblem | undefined {
  const why = meetingDateProblem(date, at.slice(0, 10), previous);
  return why ? problem(['date'], 'invalid_date', why, { value: date }) : undefined;
}

/**
 * `date` for a new or changed day that has passed (see meetingDateProblem), else each timing field
 * that would leave no round to come or put one not yet held in the past (see meetingTimesProblems).
 */
function pastTimeProblems(input: MeetingInput, at: string, current?: Meeting): FieldProblem[] {
  const day = dayProblem(input.date, at, current?.date);
  if (day) return [day];
  return meetingTimesProblems(input, at, current).map(({ field, code, value }) =>
    problem(
      [field],
      code,
      code === 'meeting_under_way'
        ? `the meeting began at ${value} (UTC), so its day, times and slot lengths stay as they are`
        : `a round would begin at ${value} (UTC), which has passed`,
      { value },
    ),
  );
}

/**
 * Whether the stored meeting holds exactly what `input` asks for (every field a coordinator sends),
 * compared as `sameProfileData` compares profiles: deeply, whatever order DynamoDB gives a map's keys.
 */
function sameInput(meeting: Meeting, input: MeetingInput): boolean {
  return (Object.keys(input) as (keyof MeetingInput)[]).every((f) => isDeepStrictEqual(meeting[f], input[f]));
}

/** 410 for a meeting its coordinator cancelled: kept only so that a repeated cancel is recognised. */
function refuseCancelled(meeting: Meeting | undefined): void {
  if (meeting?.cancelledAt !== undefined) throw meetingCancelled(meeting.cancelledAt);
}

/** The language a calendar file or a view is asked in (`?locale=`), if any; 400 naming `locale` for one the app does not speak. */
function localeAsked(event: APIGatewayProxyEventV2): Locale | undefined {
  const { locale, problem } = localeQuery(event);
  if (problem) throw invalidFields([problem]);
  return locale;
}

/** How often the same plan may be made again after being cancelled. */
const MAX_REPLANS = 20;

const download = (contentType: string, filename: string, body: string) => ({
  statusCode: 200,
  headers: { 'content-type': contentType, 'content-disposition': `attachment; filename="${filename}"` },
  body,
});

/**
 * The iCalendar and CSV writers (`@culturebridge/domain/meeting-export`, with `ics` and its
 * validator: about 75 KB). Injected by app.ts, with the network's organizer address; without them
 * the download routes answer 404.
 */
export interface MeetingExports {
  calendar(meeting: Meeting, nameOf: (profileId: string) => string, locale: Locale, networkName: (networkId: string) => string): string;
  csv(meeting: Meeting, nameOf: (profileId: string) => string, locale: Locale, networkName: (networkId: string) => string): string;
  memberCalendar(meeting: Meeting, self: { id: string; name: string }, nameOf: (profileId: string) => string, locale: Locale, networkName: (networkId: string) => string): string;
}

type Members = ReadonlyMap<string, MembershipView>;

/**
 * One problem per listed participant (`index` its place in `participants`) who is not a member of
 * the network, or not active unless already taking part (`already`).
 */
function participantProblems(members: Members, networkId: string, listed: readonly { index: number; id: string }[], already: ReadonlySet<string>): FieldProblem[] {
  const errors: FieldProblem[] = [];
  for (const { index, id } of listed) {
    const member = members.get(id);
    if (!member || !member.networks.includes(networkId)) errors.push(problem(['participants', index], 'not_a_member', 'not a member of this network'));
    else if (member.status !== 'active' && !already.has(id)) errors.push(problem(['participants', index], 'not_active', 'this member is not active yet'));
  }
  return errors;
}

/**
 * One problem per request (`undefined`: not well-formed, skipped) naming someone who is not taking
 * part, asking to meet itself, or listed twice.
 */
function requestProblems(taking: ReadonlySet<string>, requests: readonly ({ from: string; to: string } | undefined)[]): FieldProblem[] {
  const errors: FieldProblem[] = [];
  requests.forEach((r, i) => {
    if (r === undefined) return;
    if (!taking.has(r.from)) errors.push(problem(['requests', i, 'from'], 'not_a_participant', 'not a participant'));
    if (!taking.has(r.to)) errors.push(problem(['requests', i, 'to'], 'not_a_participant', 'not a participant'));
    else if (r.to === r.from) errors.push(problem(['requests', i, 'to'], 'invalid', 'a member cannot ask to meet itself'));
    else if (requests.findIndex((q) => q?.from === r.from && q.to === r.to) < i) errors.push(problem(['requests', i], 'duplicate', 'this request is listed twice', { value: `${r.from} → ${r.to}` }));
  });
  return errors;
}

export function meetingRoutes({ meetings, meetingLists, matches, profiles, networkSettings, now }: MeetingRouteDeps, exports?: MeetingExports) {
  async function membersOf(networkId: string): Promise<Members> {
    return new Map((await matches.candidates([networkId])).map((v) => [v.id, v]));
  }

  /**
   * A meeting body, validated with the participants it names: when the schema refuses it, each
   * well-formed participant who is not a member (or not active, unless already taking part in
   * `current`), and a day that has passed at `at`, are named in the same 400. Throws HttpProblem.
   */
  function parseMeetingBody<S extends z.ZodType>(schema: S, body: unknown, networkId: string, at: string, current?: Meeting): Promise<z.output<S>> {
    const already = new Set(current?.participants);
    return parseBodyAlong(schema, body, async (sent, named) => {
      // A day the schema took (a date from 2000 to 2099) may still have passed.
      const date = sentField(sent, 'date');
      const day = typeof date === 'string' && !named.has('date') ? dayProblem(date, at, current?.date) : undefined;
      const listed = wellFormedEntries(sent, 'participants', ProfileId, named);
      const members = [...(day ? [day] : []), ...(listed.length === 0 ? [] : participantProblems(await membersOf(networkId), networkId, listed, already))];
      // Requests are checked against the participants only when the whole list was well-formed.
      const all = sentField(sent, 'participants');
      const requests = sentField(sent, 'requests');
      if (!Array.isArray(all) || listed.length !== all.length || !Array.isArray(requests)) return members;
      const wellFormed = requests.map((r: unknown, i) => {
        const { from, to } = (r ?? {}) as { from?: unknown; to?: unknown };
        const fine = (id: unknown, side: string) => typeof id === 'string' && ProfileId.safeParse(id).success && !named.has(`requests[${i}].${side}`) && !named.has(`requests[${i}]`);
        return fine(from, 'from') && fine(to, 'to') ? { from: from as string, to: to as string } : undefined;
      });
      return [...members, ...requestProblems(new Set(listed.map((p) => p.id)), wellFormed)];
    });
  }

  /**
   * The timetable for `input`: participants must be members of the network, active unless already
   * taking part (`already`: one no longer active stays, and blocks nobody's change or request), and requests between participants (400 naming each bad
   * entry otherwise, with the `earlier` problems found in the body: one answer names them all);
   * rounds already held are kept.
   */
  async function plan(networkId: string, input: MeetingInput, held: Meeting['schedule'], already: ReadonlySet<string> = new Set(), earlier: readonly FieldProblem[] = []) {
    const members = await membersOf(networkId);
    const errors = [...earlier, ...participantProblems(members, networkId, input.participants.map((id, index) => ({ index, id })), already)];
    const taking = new Set(input.participants);
    errors.push(...requestProblems(taking, input.requests));
    if (errors.length > 0) throw invalidFields(errors);
    const participants = input.participants.map((id) => members.get(id)!);
    // A match is stored in both partitions; the lower id's copy is read once per pair.
    const known: KnownMatch[] = (await Promise.all(input.participants.map((id) => matches.matchesOf(id))))
      .flat()
      .filter((m) => isPublishedCopy(m) && taking.has(m.partner));
    return scheduleMeeting(input, participants, known, held);
  }

  /** `current` with `input`, planned again from the rounds held at `at` on: its next version (400 naming `earlier` problems with any others). */
  async function nextVersion(current: Meeting, input: MeetingInput, held: Meeting['schedule'], at: string, earlier: readonly FieldProblem[] = []): Promise<Meeting> {
    const { schedule, unmetRequests } = await plan(current.networkId, input, held, new Set(current.participants), earlier);
    // `departed` describes only the version that wrote it (a member's own erasure).
    const { departed: _departed, ...kept } = current;
    return withIssuedTables({ ...kept, ...input, version: current.version + 1, schedule, unmetRequests, updatedAt: at }, current);
  }

  /** The meeting of the path, if the caller coordinates its network; 404 otherwise, 410 once cancelled. */
  async function stored(event: APIGatewayProxyEventV2, caller: Caller): Promise<Meeting> {
    const networkId = networkOf(event, caller);
    const meeting = await meetings.get(networkId, meetingIdOf(event));
    if (!meeting) throw notFound('meeting');
    refuseCancelled(meeting);
    return meeting;
  }

  /** Its participants' names; a member erased since is "a member who has left" in `locale` (participantNames). */
  async function namesOf(meeting: Meeting, locale: Locale): Promise<(id: string) => string> {
    const ids = [...new Set([...meeting.participants, ...meeting.schedule.flatMap((r) => [...r.byes, ...r.meetings.flatMap((m) => m.profileIds)])])];
    return participantNames(await matches.profiles(ids), locale);
  }

  /** The timetable by round and by participant, with names and each pair's reasons. */
  async function view(meeting: Meeting, locale: Locale) {
    const nameOf = await namesOf(meeting, locale);
    const { schedule, unmetRequests, departed: _departed, issuedTables: _issued, returnedEvents: _returned, takenOut: _takenOut, ...details } = meeting;
    return {
      ...details,
      rounds: schedule.map((r) => ({
        ...r,
        meetings: r.meetings.map((m) => ({ ...m, names: [nameOf(m.profileIds[0]), nameOf(m.profileIds[1])] })),
        byes: r.byes.map((id) => ({ id, name: nameOf(id) })),
      })),
      byParticipant: meeting.participants
        .map((id) => ({ id, name: nameOf(id), rounds: scheduleOf(meeting, id).map((r) => (r.partnerId ? { ...r, partnerName: nameOf(r.partnerId) } : r)) }))
        .sort((a, b) => a.name.localeCompare(b.name)),
      unmetRequests,
    };
  }

  const createMeeting: Route = async (event, caller) => {
    const networkId = networkOf(event, caller);
    const locale = localeAsked(event) ?? DEFAULT_LOCALE;
    const at = now();
    const input = await parseMeetingBody(MeetingInput, event.body, networkId, at);
    const { schedule, unmetRequests } = await plan(networkId, input, [], new Set(), pastTimeProblems(input, at));
    // The id is derived from who planned what: the same request again (a double click, a retry after
    // a lost reply, both at once) finds its own meeting, answered as the first was, never a second.
    const by = caller.kind === 'session' ? caller.claims.sub : '';
    let id = submissionId(by, networkId, input);
    // Each turn passes a cancelled meeting this same request made before; bounded, as a client could
    // plan and cancel the same thing without end.
    for (let turn = 0; turn < MAX_REPLANS; turn++) {
      const meeting = withIssuedTables({ ...input, id, networkId, version: 1, schedule, unmetRequests, createdAt: at, updatedAt: at });
      const stored = (await meetings.create(meeting)) ? meeting : await meetings.get(networkId, id);
      if (!stored) throw meetingExists('A meeting with this id exists already.');
      if (stored.cancelledAt === undefined) return json(201, await view(stored, locale), { location: `/networks/${networkId}/meetings/${stored.id}` });
      id = submissionId(by, networkId, input, stored.id);
    }
    throw meetingExists('This plan was made and cancelled too often; change its name or day to plan it again.');
  };

  /**
   * One page (see pageQuery: `limit`, `cursor`) of the network's meetings, by date within the page
   * (pages come in id order: a client reading every page sorts them with byMeetingTime); cancelled
   * ones left out, so a page may be short (or empty) and still have a cursor.
   */
  const listMeetings: Route = async (event, caller) => {
    const networkId = networkOf(event, caller);
    const list = `meetings:${networkId}`;
    const { limit, after } = pageQuery(event, list, MEETING_PAGE_LIMITS, ID_CURSOR);
    const page = await meetingLists.page(networkId, { limit, ...(after ? { after: after[0] } : {}) });
    const listed = page.meetings
      .filter((m) => m.cancelledAt === undefined)
      .map(({ id, name, date, startTime, timeZone, rounds, participants, version }) => ({ id, name, date, startTime, timeZone, rounds, participants: participants.length, version }))
      .sort(byMeetingTime);
    return json(200, { networkId, meetings: listed, ...(page.last === undefined ? {} : { cursor: pageCursor(list, [page.last]) }) });
  };

  const readMeeting: Route = async (event, caller) => {
    const locale = localeAsked(event) ?? DEFAULT_LOCALE;
    return json(200, await view(await stored(event, caller), locale));
  };

  /** A change plans again the rounds not yet held; the version (and iCalendar SEQUENCE) goes up. One that changes nothing writes nothing (200, the meeting as it is). */
  const updateMeeting: Route = async (event, caller) => {
    const locale = localeAsked(event) ?? DEFAULT_LOCALE;
    const current = await stored(event, caller);
    const at = now();
    const { version, ...input } = await parseMeetingBody(MeetingUpdate, event.body, current.networkId, at, current);
    if (version !== current.version) {
      // The same change again (a retry after a lost reply) finds the version it made, as it left it.
      if (version + 1 === current.version && sameInput(current, input)) return json(200, await view(current, locale));
      throw versionConflict(version, current.version, 'meeting');
    }
    // A form saved as it was changes nothing: no new version, so nobody is mailed a schedule again.
    if (sameInput(current, input)) return json(200, await view(current, locale));
    const held = heldRounds(current.schedule, new Date(at));
    const earlier = pastTimeProblems(input, at, current);
    if (input.rounds < held.length) earlier.push(problem(['rounds'], 'rounds_held', `${held.length} rounds are already held`, { min: held.length }));
    const next = await nextVersion(current, input, held, at, earlier);
    const result = await meetings.replace(next, current.version);
    if (result.outcome === 'conflict') {
      refuseCancelled(await meetings.get(current.networkId, current.id));
      throw versionConflict(version, result.currentVersion, 'meeting');
    }
    if (result.outcome === 'not-found') throw notFound('meeting');
    return json(200, await view(next, locale));
  };

  /**
   * Cancels the meeting: it is kept, marked, as its next version (the stream publishes
   * MeetingCancelled and each participant is told once) and shown nowhere after. Cancelling it again
   * is its own earlier success (204). 409 once its first round has begun. A concurrent change is
   * retried from a fresh read: the coordinator wants it cancelled whatever changed.
   */
  const cancelMeeting: Route = async (event, caller) => {
    const networkId = networkOf(event, caller);
    const meetingId = meetingIdOf(event);
    for (let attempt = 1; ; attempt++) {
      const current = await meetings.get(networkId, meetingId);
      if (!current) throw notFound('meeting');
      const outcome = cancelled(current, now());
      if ('problem' in outcome) throw meetingUnderWay(outcome.problem);
      if (outcome.meeting === current) return noContent();
      const result = await meetings.replace(outcome.meeting, current.version);
      if (result.outcome === 'ok') return noContent();
      if (result.outcome === 'not-found') throw notFound('meeting');
      if (attempt >= 3) throw keptChanging('meeting');
    }
  };

  const exporter = (): MeetingExports => {
    if (!exports) throw notFound('route'); // app.ts always passes them; a test may leave them out
    return exports;
  };

  /** The reasons' network names as mails give them (display names), for a calendar written here. */
  async function networkNamesOf(meeting: Meeting): Promise<(networkId: string) => string> {
    const settings = await networkSettings.getMany(networksNamedIn(meeting), { withName: true });
    return (n) => networkDisplayName(n, settings.get(n));
  }

  /** The timetable as iCalendar, in the `locale` asked for (the page's), else English; 400 naming `locale`. */
  const meetingCalendarFile: Route = async (event, caller) => {
    const locale = localeAsked(event);
    const meeting = await stored(event, caller);
    const [nameOf, networkName] = await Promise.all([namesOf(meeting, locale ?? DEFAULT_LOCALE), networkNamesOf(meeting)]);
    return download('text/calendar; charset=utf-8', `meeting-${meeting.id}.ics`, exporter().calendar(meeting, nameOf, locale ?? DEFAULT_LOCALE, networkName));
  };

  /** The timetable as CSV, in the `locale` asked for (the page's), else English; 400 naming `locale`. */
  const meetingCsvFile: Route = async (event, caller) => {
    const locale = localeAsked(event) ?? DEFAULT_LOCALE;
    const meeting = await stored(event, caller);
    const [nameOf, networkName] = await Promise.all([namesOf(meeting, locale), networkNamesOf(meeting)]);
    return download('text/csv; charset=utf-8', `meeting-${meeting.id}.csv`, exporter().csv(meeting, nameOf, locale, networkName));
  };

  /** One meeting as a participant sees it: its own rounds, with partners' names. */
  async function ownView(meeting: Meeting, profileId: string, locale: Locale) {
    const nameOf = await namesOf(meeting, locale);
    return {
      id: meeting.id,
      networkId: meeting.networkId,
      name: meeting.name,
      date: meeting.date,
      startTime: meeting.startTime,
      timeZone: meeting.timeZone,
      version: meeting.version,
      rounds: scheduleOf(meeting, profileId).map((r) => (r.partnerId ? { ...r, partnerName: nameOf(r.partnerId) } : r)),
      participants: meeting.participants.filter((id) => id !== profileId).map((id) => ({ id, name: nameOf(id) })),
      requested: meeting.requests.filter((r) => r.from === profileId).map((r) => r.to),
    };
  }

  /**
   * A participant asks to meet another: the request joins the meeting's requests and the rounds not
   * yet held are planned again (requests first), as a coordinator's change would; asking twice
   * changes nothing. Only the profile's owner may ask; others are refused as for any profile route.
   * 409 when every round is held. A concurrent change is retried from a fresh read.
   */
  const requestMeeting: Route = async (event, caller) => {
    const networkId = event.pathParameters?.networkId ?? '';
    const meetingId = meetingIdOf(event);
    const { from, to } = parseBody(MeetingRequestInput, event.body);
    const locale = localeAsked(event) ?? DEFAULT_LOCALE;
    const profile = await profiles.get(from);
    if (!profile || !ownsProfile(caller, from)) throw refusal(caller, profile, 'ask for a meeting for it');
    for (let attempt = 1; ; attempt++) {
      const current = await meetings.get(networkId, meetingId);
      if (!current || !current.participants.includes(from)) throw notFound('meeting');
      refuseCancelled(current);
      if (to === from || !current.participants.includes(to)) throw invalidFields([problem(['to'], 'not_a_participant', 'not another participant of this meeting')]);
      if (current.requests.some((r) => r.from === from && r.to === to)) return json(200, await ownView(current, from, locale));
      const at = now();
      const held = heldRounds(current.schedule, new Date(at));
      if (held.length >= current.rounds) throw new HttpProblem(409, 'Meeting over', 'Every round of this meeting has been held.', PROBLEM_TYPES.meetingOver);
      // Stored before the bound came down to MAX_PARTICIPANTS (2026-12-01): the planner refuses it,
      // and only the coordinator can take participants out.
      if (current.participants.length > MAX_PARTICIPANTS) {
        throw new HttpProblem(409, 'The meeting needs its coordinator', `This meeting has more than ${MAX_PARTICIPANTS} participants; its coordinator needs to take some out before requests can be planned.`, PROBLEM_TYPES.meetingNeedsCoordinator);
      }
      const next = await nextVersion(current, { ...current, requests: [...current.requests, { from, to }] }, held, at).catch((error: unknown) => {
        // The stored participants no longer plan (one left the network): that is the coordinator's
        // to mend, and the member never sent `participants`.
        if (error instanceof HttpProblem && error.type === PROBLEM_TYPES.invalidFields) {
          throw new HttpProblem(409, 'The meeting needs its coordinator', 'A participant of this meeting has left the network; its coordinator needs to update the meeting before requests can be planned.', PROBLEM_TYPES.meetingNeedsCoordinator);
        }
        throw error;
      });
      const result = await meetings.replace(next, current.version);
      if (result.outcome === 'ok') return json(200, await ownView(next, from, locale));
      if (result.outcome === 'not-found') throw notFound('meeting');
      // The member sent no version: a version conflict would ask for one it cannot send.
      if (attempt >= 3) throw keptChanging('meeting');
    }
  };

  /** A member's own schedules: the meetings of its networks it takes part in, its rounds only. */
  const profileMeetings: Route = async (event, caller) => {
    const id = event.pathParameters?.id ?? '';
    if (!ID_PATTERN.test(id)) throw notFound('profile');
    const asked = localeAsked(event);
    const profile = await profiles.get(id);
    if (!profile || !ownsProfile(caller, id)) throw refusal(caller, profile, 'see its schedule');
    const locale = asked ?? profile.locale ?? DEFAULT_LOCALE;
    const all = (await Promise.all(profile.networks.map((n) => meetings.ofNetwork(n)))).flat().filter((m) => m.cancelledAt === undefined && m.participants.includes(id));
    const list = await Promise.all(all.map((m) => ownView(m, id, locale)));
    list.sort(byMeetingTime);
    return json(200, { profileId: id, meetings: list });
  };

  /**
   * One participant's rounds as iCalendar (see `memberCalendar`), for the profile's owner, in the
   * `locale` asked for (the page's), else the profile's own language. 404 for a meeting of the
   * profile's networks it does not take part in, 410 once cancelled, 400 naming `locale`.
   */
  const profileMeetingCalendar: Route = async (event, caller) => {
    const id = event.pathParameters?.id ?? '';
    if (!ID_PATTERN.test(id)) throw notFound('profile');
    const meetingId = meetingIdOf(event);
    const locale = localeAsked(event);
    const profile = await profiles.get(id);
    if (!profile || !ownsProfile(caller, id)) throw refusal(caller, profile, 'see its schedule');
    const meeting = (await Promise.all(profile.networks.map((n) => meetings.get(n, meetingId)))).find((m) => m?.participants.includes(id));
    if (!meeting) throw notFound('meeting');
    refuseCancelled(meeting);
    const language = locale ?? profile.locale ?? DEFAULT_LOCALE;
    const [nameOf, networkName] = await Promise.all([namesOf(meeting, language), networkNamesOf(meeting)]);
    const calendar = exporter().memberCalendar(meeting, { id, name: profile.name }, nameOf, language, networkName);
    return download('text/calendar; charset=utf-8', `meeting-${meeting.id}.ics`, calendar);
  };

  return { createMeeting, listMeetings, readMeeting, updateMeeting, cancelMeeting, meetingCalendar: meetingCalendarFile, meetingCsv: meetingCsvFile, profileMeetings, profileMeetingCalendar, requestMeeting };
}
