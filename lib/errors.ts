// One error type for the whole domain: an HTTP status and a message safe to show.
export class AppError extends Error {
  constructor(
    public readonly status: number,
    message: string,
    public readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = "AppError";
  }
}

export const notFound = (what = "Not found") => new AppError(404, what);
export const forbidden = (what = "Forbidden") => new AppError(403, what);
export const unauthorized = (what = "Authentication required") => new AppError(401, what);
export const badRequest = (what: string, details?: Record<string, unknown>) =>
  new AppError(400, what, details);
export const conflict = (what: string) => new AppError(409, what);
