// The errors the video fakes answer with, in the codes and HTTP statuses the AWS services use.

/** An AWS error code with its HTTP status; the HTTP layer writes it in the protocol's own error shape. */
export class ServiceError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly statusCode = statusForCode(code),
  ) {
    super(message);
    this.name = code;
  }
}

/** Statuses AWS gives these codes; a fault injected by code alone gets the same one a real failure would. */
export function statusForCode(code: string): number {
  if (code === 'ResourceNotFoundException') return 404;
  if (code === 'NotAuthorizedException' || code === 'AccessDeniedException') return 401;
  if (code === 'InternalServerError' || code === 'InternalFailure' || code === 'ServiceException') return 500;
  if (code === 'ServiceUnavailableException') return 503;
  return 400;
}
