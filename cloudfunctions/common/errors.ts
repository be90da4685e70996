import { DEFAULT_MESSAGES, type ErrorCode } from '@honglin/types/envelope';

/**
 * A failure the caller can act on. Domain code and handlers throw these; the runtime turns them into the
 * error envelope. Anything else thrown becomes INTERNAL and its message never leaves the function.
 */
export class AppError extends Error {
  constructor(
    readonly code: Exclude<ErrorCode, 'NETWORK'>,
    message: string = DEFAULT_MESSAGES[code],
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'AppError';
  }
}

export const unauthenticated = (message?: string) => new AppError('UNAUTHENTICATED', message);
export const forbidden = (message?: string) => new AppError('FORBIDDEN', message);
export const invalidArgument = (message?: string, details?: unknown) =>
  new AppError('INVALID_ARGUMENT', message, details);
export const notFound = (message?: string) => new AppError('NOT_FOUND', message);
export const conflict = (message?: string, details?: unknown) => new AppError('CONFLICT', message, details);
export const contentRejected = (message?: string, details?: unknown) =>
  new AppError('CONTENT_REJECTED', message, details);
export const rateLimited = (message?: string) => new AppError('RATE_LIMITED', message);
