// The browser's view of a failed API call, mirroring the server's error JSON
// (`{ status: "error", message, code?, errors?: [{ field, message }], request_id?, reason? }`).
// Browser-safe and dependency-free: it is in every page's bundle, so the body is checked by
// hand rather than with zod; a body of any other shape still yields a usable error.

export interface FieldError {
  field: string;
  message: string;
}

/** `status` is the HTTP status, or 0 when no answer arrived (network down, request aborted). */
export class ApiError extends Error {
  override readonly name = "ApiError";

  constructor(
    readonly status: number,
    message: string,
    /** The server's stable error code ("not_found", "validation_failed", …) when it sends one. */
    readonly code?: string,
    readonly fieldErrors: FieldError[] = [],
    readonly requestId?: string,
    /** Why, in a word the UI can translate ("not_openssh", …), where the server names one. */
    readonly reason?: string,
  ) {
    super(message);
  }

  /** The message of the first error on `field`, if the server named one. */
  fieldError(field: string): string | undefined {
    return this.fieldErrors.find((f) => f.field === field)?.message;
  }
}

const str = (v: unknown) => (typeof v === "string" && v !== "" ? v : undefined);

function fieldErrors(v: unknown): FieldError[] {
  if (!Array.isArray(v)) return [];
  return v.flatMap((e: unknown) => {
    if (typeof e !== "object" || e === null) return [];
    const { field, message } = e as Record<string, unknown>;
    return typeof field === "string" && typeof message === "string" ? [{ field, message }] : [];
  });
}

/** Builds the ApiError of a non-2xx answer from its status, parsed body (any shape) and request id header. */
export function toApiError(status: number, body: unknown, requestIdHeader?: string | null): ApiError {
  const b = typeof body === "object" && body !== null && !Array.isArray(body) ? (body as Record<string, unknown>) : {};
  return new ApiError(
    status,
    str(b.message) ?? `HTTP ${status}`,
    str(b.code),
    fieldErrors(b.errors),
    str(b.request_id) ?? str(requestIdHeader ?? undefined),
    str(b.reason),
  );
}

export const isApiError = (err: unknown, status?: number): err is ApiError =>
  err instanceof ApiError && (status === undefined || err.status === status);

/** A message fit to show for any thrown value (an ApiError's server message, else the error's). */
export const errorMessage = (err: unknown): string => (err instanceof Error ? err.message : String(err));
