/** Stable error codes: users see `message`, logs see `code` and the IDs in `context`. */
export type ErrorCode =
  'NOT_IN_DIRECTORY' | 'NOT_AUTHORISED' | 'BAD_INPUT' | 'NOT_FOUND' | 'CONFLICT' | 'DEPENDENCY_DOWN';

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly context: Record<string, string | number> = {},
  ) {
    super(message);
    this.name = 'AppError';
  }
}

export function isAppError(e: unknown): e is AppError {
  return e instanceof AppError;
}
