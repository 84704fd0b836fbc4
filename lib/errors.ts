// One error type for the whole domain: an HTTP status, a message safe to show and a stable
// `code` a program can branch on. Every JSON API error answers
//   {"status":"error","code":…,"message":…, "errors"?: [{field, message}], "request_id"?: …}
// (request_id only on a 500). The codes, and the status each one goes with:
//   validation_failed       400  a body, query or value failed its check (`errors` lists the fields)
//   bad_request             400  a request the endpoint cannot read (not JSON, a bad header)
//   unauthorized            401  no or a wrong credential (session, API token, X-API-Key)
//   forbidden               403  authenticated, but not allowed (role, token scope, origin, 2FA setup)
//   not_found               404  no such resource, or not one the caller may see
//   method_not_allowed      405
//   conflict                409  the resource's state forbids the change (a duplicate, an order already done)
//   idempotency_conflict    409/422  the Idempotency-Key is in flight, or was used with another body
//   payload_too_large       413
//   unsupported_media_type  415
//   unprocessable           422  well-formed, but it names something that does not fit (an unknown user_id)
//   rate_limited            429
//   internal                500  logged with the request id, never echoed
// A new code is added here, never renamed: browser and API clients compare against them.
export const ERROR_CODES = [
  "validation_failed",
  "bad_request",
  "unauthorized",
  "forbidden",
  "not_found",
  "method_not_allowed",
  "conflict",
  "idempotency_conflict",
  "payload_too_large",
  "unsupported_media_type",
  "unprocessable",
  "rate_limited",
  "internal",
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

const BY_STATUS: Record<number, ErrorCode> = {
  400: "validation_failed",
  401: "unauthorized",
  403: "forbidden",
  404: "not_found",
  405: "method_not_allowed",
  409: "conflict",
  413: "payload_too_large",
  415: "unsupported_media_type",
  422: "unprocessable",
  429: "rate_limited",
};

/** The code an error of this status carries unless it names its own. */
export const codeForStatus = (status: number): ErrorCode => BY_STATUS[status] ?? (status >= 500 ? "internal" : "bad_request");

export class AppError extends Error {
  readonly code: ErrorCode;
  constructor(
    public readonly status: number,
    message: string,
    public readonly details?: Record<string, unknown>,
    code?: ErrorCode,
  ) {
    super(message);
    this.name = "AppError";
    this.code = code ?? codeForStatus(status);
  }
}

export const notFound = (what = "Not found") => new AppError(404, what);
export const forbidden = (what = "Forbidden") => new AppError(403, what);
export const unauthorized = (what = "Authentication required") => new AppError(401, what);
export const badRequest = (what: string, details?: Record<string, unknown>) =>
  new AppError(400, what, details);
export const conflict = (what: string) => new AppError(409, what);

// The one formatter of zod issues. A request that fails its schema answers 400
// `Invalid request: field: message; …` with `errors: [{field, message}]`. A schema may
// instead refuse with one whole message, as the sync API does for what is missing
// ("Missing required fields: user_id, cpu"): a custom issue carrying `params.refusal`
// (see `refusal()`) is answered as its message alone, with the `errors` it names, if any.
export interface FieldIssue {
  field: string;
  message: string;
}
interface IssueLike {
  path: readonly PropertyKey[];
  message: string;
  code?: string;
  params?: Record<string, unknown>;
}

export const fieldIssues = (issues: readonly IssueLike[]): FieldIssue[] =>
  issues.map((i) => ({ field: i.path.map(String).join("."), message: i.message }));

/** `heading: m1; m2`, each message after its field's name unless `fieldNames` is false. */
export function issueSummary(issues: readonly IssueLike[], { heading = "Invalid request", fieldNames = true } = {}): string {
  const parts = fieldIssues(issues).map((f) => (fieldNames && f.field ? `${f.field}: ${f.message}` : f.message));
  return `${heading}: ${parts.join("; ")}`;
}

/** The params of a custom zod issue that refuses the whole request with its own message. */
export const refusal = (errors?: FieldIssue[]) => ({ refusal: true, ...(errors ? { errors } : {}) });

export function validationFailed(error: { issues: readonly IssueLike[] }): AppError {
  const first = error.issues[0];
  if (first?.code === "custom" && first.params?.refusal === true) {
    const errors = first.params.errors as FieldIssue[] | undefined;
    return new AppError(400, first.message, errors ? { errors } : undefined);
  }
  return new AppError(400, issueSummary(error.issues), { errors: fieldIssues(error.issues) });
}
