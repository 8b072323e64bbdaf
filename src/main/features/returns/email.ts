/**
 * Ready-to-send messages as .eml drafts: `X-Unsent: 1` makes Outlook open the file as a new message
 * to send (Thunderbird opens it as a message it can « Modifier comme nouveau »), with its recipients,
 * subject, text and the workbook attached. MIME is written by hand for these few headers: UTF-8 text
 * in base64 (no line is too long, no character is lost), non-ASCII headers as RFC 2047 encoded
 * words, ASCII file names (fileSlug) so that no mail program mangles them, CRLF everywhere.
 */
import { randomUUID } from 'node:crypto';

export interface Mailbox {
  name: string;
  email: string;
}

export interface Draft {
  from: Mailbox | null;
  to: Mailbox[];
  subject: string;
  text: string;
  attachment: { fileName: string; contentType: string; bytes: Buffer };
  date: Date;
}

/** A word of a header in RFC 2047 form when it is not plain ASCII, cut so that no encoded word passes 75 characters. */
function encodedWords(text: string): string {
  if (/^[\x20-\x7e]*$/.test(text)) return text;
  const words: string[] = [];
  let chunk = '';
  for (const char of text) {
    // 39 bytes of UTF-8 make 52 characters of base64: with « =?UTF-8?B? », « ?= » and « Subject: », a line stays under 78.
    if (Buffer.byteLength(chunk + char) > 39) {
      words.push(chunk);
      chunk = '';
    }
    chunk += char;
  }
  words.push(chunk);
  return words.map((w) => `=?UTF-8?B?${Buffer.from(w, 'utf8').toString('base64')}?=`).join('\r\n ');
}

function mailbox(m: Mailbox): string {
  const name = m.name.replace(/["\\\r\n]/g, '').trim();
  if (!name) return `<${m.email}>`;
  // An encoded name fills its line: the address goes on the next one (folded, RFC 5322 § 2.2.3).
  return /^[\x20-\x7e]*$/.test(name) ? `"${name}" <${m.email}>` : `${encodedWords(name)}\r\n <${m.email}>`;
}

function base64Lines(bytes: Buffer): string {
  return (bytes.toString('base64').match(/.{1,76}/g) ?? []).join('\r\n');
}

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** RFC 5322 date, in UTC. */
function mailDate(d: Date): string {
  const two = (n: number) => String(n).padStart(2, '0');
  return `${DAYS[d.getUTCDay()]}, ${two(d.getUTCDate())} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()} ${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())} +0000`;
}

export function emlDraft(draft: Draft): Buffer {
  const boundary = `----=_Maillage_${randomUUID()}`;
  const headers = [
    'X-Unsent: 1',
    `Date: ${mailDate(draft.date)}`,
    ...(draft.from ? [`From: ${mailbox(draft.from)}`] : []),
    ...(draft.to.length ? [`To: ${draft.to.map(mailbox).join(',\r\n ')}`] : []),
    `Subject: ${encodedWords(draft.subject)}`,
    'MIME-Version: 1.0',
    `Content-Type: multipart/mixed;\r\n boundary="${boundary}"`,
  ];
  const name = draft.attachment.fileName.replace(/["\\\r\n]/g, '');
  const body = [
    'This is a multi-part message in MIME format.',
    `--${boundary}`,
    'Content-Type: text/plain; charset=UTF-8',
    'Content-Transfer-Encoding: base64',
    '',
    base64Lines(Buffer.from(draft.text.replace(/\r?\n/g, '\r\n'), 'utf8')),
    `--${boundary}`,
    `Content-Type: ${draft.attachment.contentType};\r\n name="${name}"`,
    `Content-Disposition: attachment;\r\n filename="${name}"`,
    'Content-Transfer-Encoding: base64',
    '',
    base64Lines(draft.attachment.bytes),
    `--${boundary}--`,
    '',
  ];
  return Buffer.from([...headers, '', ...body].join('\r\n'), 'utf8');
}

/**
 * A name as a file name any system and mail program keeps: accents dropped, only letters, digits,
 * spaces and a few signs, at most 80 characters.
 */
export function fileSlug(name: string): string {
  const plain = name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[’']/g, ' ')
    .replace(/[^A-Za-z0-9 ._()-]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^[.\s]+|[.\s]+$/g, '');
  return plain.slice(0, 80).trim() || 'structure';
}
