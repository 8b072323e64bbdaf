/** The structured error every API call may return instead of a value. Messages are French, for users. */

export type ErrorCode =
  | 'validation' // the input does not match the channel's schema
  | 'not_found' // the record does not exist (any more)
  | 'conflict' // the write would break a rule of the data (duplicate, record still in use…)
  | 'no_commission' // no commission database is open
  | 'io' // a file could not be read or written
  | 'unknown_channel'
  | 'internal'; // a bug: logged in main, shown to the user as a plain sentence

export interface FieldIssue {
  /** Dotted path of the field, e.g. `contacts.0.email`; empty for the whole input. */
  path: string;
  message: string;
}

export interface ApiErrorBody {
  code: ErrorCode;
  message: string;
  details?: FieldIssue[];
}

export type ApiResult<T> = { ok: true; value: T } | { ok: false; error: ApiErrorBody };

export class ApiError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: FieldIssue[],
  ) {
    super(message);
    this.name = 'ApiError';
  }

  toBody(): ApiErrorBody {
    return this.details ? { code: this.code, message: this.message, details: this.details } : { code: this.code, message: this.message };
  }
}
