import type { Phase } from './phases.ts';
import { inCycleOrder } from './phases.ts';

/** iCalendar text: backslash, semicolon, comma and newlines escaped (RFC 5545 §3.3.11). */
const escape = (text: string) => text.replace(/[\\;,]/g, (c) => `\\${c}`).replace(/\r?\n/g, '\\n');
/** Lines longer than 75 octets are folded with CRLF and a space (§3.1); folding never splits a UTF-8 character. */
function fold(line: string): string {
  const out: string[] = [];
  let current = '';
  for (const ch of line) {
    if (Buffer.byteLength(current + ch) > (out.length ? 74 : 75)) {
      out.push(current);
      current = '';
    }
    current += ch;
  }
  out.push(current);
  return out.join('\r\n ');
}
const stamp = (d: Date) =>
  d
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');

export interface CalendarEntry {
  uid: string;
  title: string;
  description: string;
  url: string;
  location: string;
  startsAt: Date;
  endsAt: Date;
}

/** A calendar of entries; times in UTC, which every calendar shows in its reader's zone. */
export function icalendar(name: string, entries: CalendarEntry[], now = new Date()): string {
  const lines = ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//Hack for Sweden 365//hack365//SV', 'CALSCALE:GREGORIAN', `X-WR-CALNAME:${escape(name)}`];
  for (const e of entries) {
    lines.push(
      'BEGIN:VEVENT',
      `UID:${e.uid}`,
      `DTSTAMP:${stamp(now)}`,
      `DTSTART:${stamp(e.startsAt)}`,
      `DTEND:${stamp(e.endsAt)}`,
      `SUMMARY:${escape(e.title)}`,
      `DESCRIPTION:${escape(e.description)}`,
      `URL:${e.url}`,
      ...(e.location ? [`LOCATION:${escape(e.location)}`] : []),
      'END:VEVENT',
    );
  }
  lines.push('END:VCALENDAR');
  return lines.map(fold).join('\r\n') + '\r\n';
}

/** An event's phases as calendar entries. */
export function phaseEntries(
  event: { slug: string; title: string; place: string; online: boolean },
  phases: Phase[],
  base: string,
  phaseName: (p: Phase) => string,
): CalendarEntry[] {
  return inCycleOrder(phases).map((p) => ({
    uid: `${event.slug}-${p.kind}@hack365`,
    title: `${event.title}: ${phaseName(p)}`,
    description: `${base}/events/${event.slug}`,
    url: `${base}/events/${event.slug}`,
    location: event.online ? 'Online' : event.place,
    startsAt: p.startsAt,
    endsAt: p.endsAt,
  }));
}
