/**
 * iCalendar (RFC 5545) export of a session, for Outlook and Thunderbird. Times are written as
 * Paris wall-clock with TZID=Europe/Paris and the zone's VTIMEZONE, so that the session stays at
 * 14:30 in Paris whatever the reader's zone and whatever summer time does.
 */
import { meetingKinds } from '../../shared/labels';
import type { MeetingDetail } from '../../shared/model/meetings';
import { addMinutes } from '../../shared/wallclock';
import { titleNamingKind } from './meetings/mapper';

const VTIMEZONE_PARIS = [
  'BEGIN:VTIMEZONE',
  'TZID:Europe/Paris',
  'X-LIC-LOCATION:Europe/Paris',
  'BEGIN:DAYLIGHT',
  'TZOFFSETFROM:+0100',
  'TZOFFSETTO:+0200',
  'TZNAME:CEST',
  'DTSTART:19700329T020000',
  'RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU',
  'END:DAYLIGHT',
  'BEGIN:STANDARD',
  'TZOFFSETFROM:+0200',
  'TZOFFSETTO:+0100',
  'TZNAME:CET',
  'DTSTART:19701025T030000',
  'RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU',
  'END:STANDARD',
  'END:VTIMEZONE',
];

/** Without an end time, a session lasts as long as its timed agenda, or two hours. */
const DEFAULT_MINUTES = 120;

export function escapeText(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/;/g, '\\;').replace(/,/g, '\\,').replace(/\r?\n/g, '\\n');
}

/** Folds a content line at 75 octets, never inside a UTF-8 character. */
export function foldLine(line: string): string {
  const encoder = new TextEncoder();
  const parts: string[] = [];
  let current = '';
  let octets = 0;
  for (const char of line) {
    const size = encoder.encode(char).length;
    const limit = parts.length === 0 ? 75 : 74;
    if (octets + size > limit) {
      parts.push(current);
      current = '';
      octets = 0;
    }
    current += char;
    octets += size;
  }
  parts.push(current);
  return parts.join('\r\n ');
}

const local = (wallClock: string) => `${wallClock.replace(/[-:]/g, '')}00`;
const utc = (instant: Date) => `${instant.toISOString().replace(/[-:]/g, '').slice(0, 15)}Z`;

function endOf(m: MeetingDetail): string {
  if (m.endsAt) return m.endsAt;
  const timed = m.agenda.every((i) => i.durationMin !== null) ? m.agenda.reduce((sum, i) => sum + (i.durationMin ?? 0), 0) : 0;
  return addMinutes(m.startsAt, timed > 0 ? timed : DEFAULT_MINUTES);
}

export function buildIcs(m: MeetingDetail, commission: { departmentName: string }, now: Date): string {
  // The kind of session once: « Séance plénière du 2d semestre 2025 », not « Séance plénière – … – Séance plénière du … ».
  const what = titleNamingKind(m) ?? (m.title ? `${meetingKinds.labels[m.kind]} – ${m.title}` : meetingKinds.labels[m.kind]);
  const summary = `${what} – commission départementale (${commission.departmentName})`;
  const description = [
    m.agenda.length ? `Ordre du jour :\n${m.agenda.map((i, index) => `${index + 1}. ${i.title}${i.presenter ? ` – ${i.presenter}` : ''}`).join('\n')}` : '',
    m.videoLink ? `Visioconférence : ${m.videoLink}` : '',
    m.chair ? `Présidence : ${m.chair}` : '',
  ]
    .filter(Boolean)
    .join('\n\n');
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Maillage//Seances de commission//FR',
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    ...VTIMEZONE_PARIS,
    'BEGIN:VEVENT',
    `UID:${m.id}@maillage`,
    `DTSTAMP:${utc(now)}`,
    `LAST-MODIFIED:${utc(new Date(m.updatedAt))}`,
    `DTSTART;TZID=Europe/Paris:${local(m.startsAt)}`,
    `DTEND;TZID=Europe/Paris:${local(endOf(m))}`,
    `SUMMARY:${escapeText(summary)}`,
    ...(m.place || m.videoLink ? [`LOCATION:${escapeText(m.place ?? m.videoLink!)}`] : []),
    ...(m.videoLink ? [`URL:${m.videoLink}`] : []),
    ...(description ? [`DESCRIPTION:${escapeText(description)}`] : []),
    'STATUS:CONFIRMED',
    'TRANSP:OPAQUE',
    'END:VEVENT',
    'END:VCALENDAR',
  ];
  return `${lines.map(foldLine).join('\r\n')}\r\n`;
}
