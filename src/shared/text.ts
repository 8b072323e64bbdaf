/**
 * Characters that XML 1.0 forbids and that no user means to type: C0 controls other than tab,
 * line feed and carriage return, DEL, the non-characters U+FFFE and U+FFFF, and lone UTF-16
 * surrogates. One of them in a name makes every .docx and .xlsx that shows it invalid, which Word
 * and LibreOffice refuse to open. Forms refuse them (shared/schemas/common.ts); imports and the
 * document writers strip them.
 */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const FORBIDDEN = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F\uFFFE\uFFFF]|[\u{D800}-\u{DFFF}]/gu;

export function hasForbiddenChars(text: string): boolean {
  FORBIDDEN.lastIndex = 0;
  return FORBIDDEN.test(text);
}

export function stripForbiddenChars(text: string): string {
  return text.replace(FORBIDDEN, '');
}

/** A copy of `value` with every string stripped (plain objects and arrays walked; bytes, dates and the rest kept as they are). */
export function stripForbiddenDeep<T>(value: T): T {
  if (typeof value === 'string') return stripForbiddenChars(value) as T;
  if (Array.isArray(value)) return value.map((item: unknown) => stripForbiddenDeep(item)) as T;
  if (value !== null && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, stripForbiddenDeep(item)])) as T;
  }
  return value;
}

/**
 * For a terminal: what a file brought must not drive it. Besides the characters above, drops the C1
 * controls (U+009B starts escape sequences on some terminals) and carriage returns (which let a
 * line overwrite the one before); tabs and line breaks stay.
 */
export function terminalSafe(text: string): string {
  return stripForbiddenChars(text).replace(/[\u0080-\u009F\r]/g, '');
}
