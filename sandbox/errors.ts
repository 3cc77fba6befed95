import type { ErrorExtra } from './envelope';

/** Thrown by validation and handlers; the router turns it into the right error shape for the API. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly extra: ErrorExtra = {},
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export function badRequest(message: string): ApiError {
  return new ApiError(400, message);
}
