/** The values a field error's message is made of (a number of days, a date, a département code). */
export type FieldParams = Readonly<Record<string, string | number>>;

/**
 * One invalid field of a request, as returned in `error.fields` (PRODUCT §7): a stable code, its
 * parameters, and the French message the catalogs make of them (pages render it in their language).
 */
export interface FieldError {
  field: string;
  code: string;
  message: string;
  params?: FieldParams;
}

/**
 * An error the applicant or client can act on: a stable code, an HTTP status and a French message.
 * The central handler in app.ts turns it into `{"error":{"code","message","fields"?}}`.
 */
export class AppError extends Error {
  readonly code: string;
  readonly status: number;
  readonly fields: FieldError[] | undefined;
  /** More members of the answer's `error` object (the bookings a refused change lists). */
  readonly details: Readonly<Record<string, unknown>> | undefined;
  /** Response headers the answer must carry (the Retry-After of a 429). */
  readonly headers: Readonly<Record<string, string>> | undefined;

  constructor(
    status: number,
    code: string,
    message: string,
    fields?: FieldError[],
    details?: Readonly<Record<string, unknown>>,
    headers?: Readonly<Record<string, string>>,
  ) {
    super(message);
    this.status = status;
    this.code = code;
    this.fields = fields;
    this.details = details;
    this.headers = headers;
  }
}

/** The 422 answer listing every invalid field. */
export function invalid(fields: FieldError[]): AppError {
  return new AppError(422, 'invalid', 'Certains champs sont invalides : corrigez-les et réessayez.', fields);
}

export function notFound(code: string, message: string): AppError {
  return new AppError(404, code, message);
}

export function conflict(code: string, message: string): AppError {
  return new AppError(409, code, message);
}
