import { describe, expect, it } from 'vitest';
import { emlDraft, fileSlug } from '../../src/main/features/returns/email';

/** A header as a mail program reads it: unfolded, its encoded words decoded (the space between two of them dropped). */
const decodeWords = (header: string) =>
  header
    .replace(/\r\n(?=[ \t])/g, '')
    .replace(/\?=\s+=\?/g, '?==?')
    .replace(/=\?UTF-8\?B\?([^?]*)\?=/g, (_, b64: string) => Buffer.from(b64, 'base64').toString('utf8'));

describe('.eml drafts', () => {
  const draft = emlDraft({
    from: { name: 'Mathilde Kaya', email: 'ddfe@gironde.gouv.fr' },
    to: [
      { name: 'Hélène Desfontaines', email: 'h.desfontaines@amicaledunid.org' },
      { name: 'Paul "Le" Martin', email: 'p.martin@amicaledunid.org' },
    ],
    subject: 'Point d’étape avant la plénière de juin – point d’avancement à renvoyer avant le 05/06/2026',
    text: 'Madame, Monsieur,\n\nÀ bientôt.\n',
    attachment: { fileName: 'Remontee - Amicale du Nid.xlsx', contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', bytes: Buffer.from([0, 1, 2, 250]) },
    date: new Date('2026-03-05T10:00:00Z'),
  }).toString('utf8');
  const [head] = draft.split('\r\n\r\n');

  it('is a draft Outlook and Thunderbird open as a new message, with ASCII-only headers of short lines', () => {
    expect(head!.startsWith('X-Unsent: 1\r\n')).toBe(true);
    expect(head).toContain('\r\nDate: Thu, 05 Mar 2026 10:00:00 +0000\r\n');
    expect(head).toContain('\r\nMIME-Version: 1.0\r\n');
    // eslint-disable-next-line no-control-regex -- headers must be plain ASCII
    expect(/^[\x00-\x7f]*$/.test(head!)).toBe(true);
    // RFC 5322 wants lines under 78 characters where it can: only the content type of .xlsx, alone on its line, passes it (79).
    expect(draft.split('\r\n').filter((line) => line.length > 78)).toEqual(['Content-Type: application/vnd.openxmlformats-officedocument.spreadsheetml.sheet;']);
    expect(draft.replace(/\r\n/g, '')).not.toMatch(/\n/);
  });

  it('encodes names and the subject so that they read back as written', () => {
    const subject = /\r\nSubject: ((?:.|\r\n )*)/.exec(head!)![1]!;
    expect(decodeWords(subject)).toBe('Point d’étape avant la plénière de juin – point d’avancement à renvoyer avant le 05/06/2026');
    const to = decodeWords(/\r\nTo: ((?:.|\r\n )*)/.exec(head!)![1]!);
    expect(to).toBe('Hélène Desfontaines <h.desfontaines@amicaledunid.org>, "Paul Le Martin" <p.martin@amicaledunid.org>');
    expect(decodeWords(/\r\nFrom: (.*)/.exec(head!)![1]!)).toBe('"Mathilde Kaya" <ddfe@gironde.gouv.fr>');
  });

  it('carries the text in UTF-8 and the workbook byte for byte', () => {
    const boundary = /boundary="([^"]+)"/.exec(head!)![1]!;
    const parts = draft.split(`--${boundary}`);
    expect(parts.at(-1)).toBe('--\r\n');
    const body = (part: string) => part.split('\r\n\r\n')[1]!.replace(/\r\n/g, '');
    expect(Buffer.from(body(parts[1]!), 'base64').toString('utf8')).toBe('Madame, Monsieur,\r\n\r\nÀ bientôt.\r\n');
    expect(decodeWords(parts[2]!)).toContain('Content-Disposition: attachment; filename="Remontee - Amicale du Nid.xlsx"');
    expect([...Buffer.from(body(parts[2]!), 'base64')]).toEqual([0, 1, 2, 250]);
  });
});

describe('file names', () => {
  it('keeps letters, digits and a few signs, drops accents and the rest', () => {
    expect(fileSlug('Conseil départemental de la Gironde – ASE')).toBe('Conseil departemental de la Gironde ASE');
    expect(fileSlug('L’Œuvre d’accueil / Bordeaux : « CHRS »')).toBe('L uvre d accueil Bordeaux CHRS');
    expect(fileSlug('...')).toBe('structure');
    expect(fileSlug('x'.repeat(200))).toHaveLength(80);
  });
});
