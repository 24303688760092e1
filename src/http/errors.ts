/**
 * Typed errors, mapped to HTTP in one place (the app's error handler). The body is always
 * `{ error: { code, message, fields? } }`; 5xx details never leave the server.
 */
export class AppError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: string,
    message: string,
    readonly fields?: Record<string, string>,
  ) {
    super(message);
  }
}

export class ValidationError extends AppError {
  constructor(fields: Record<string, string>, message = 'Some fields are invalid: see "fields".') {
    super(400, 'validation_failed', message, fields);
  }
}

export class UnauthenticatedError extends AppError {
  constructor(message = 'Authentication required: log in first.') {
    super(401, 'unauthenticated', message);
  }
}

export class InvalidCredentialsError extends AppError {
  constructor() {
    super(401, 'invalid_credentials', 'Unknown email or wrong password.');
  }
}

export class ForbiddenError extends AppError {
  constructor(message = 'Your role or territory does not give access to this resource.') {
    super(403, 'forbidden', message);
  }
}

export class NotFoundError extends AppError {
  constructor(what: string, id?: string) {
    super(404, 'not_found', id === undefined ? `${what} not found.` : `${what} "${id}" not found.`);
  }
}

export class ConflictError extends AppError {
  constructor(message: string, fields?: Record<string, string>) {
    super(409, 'conflict', message, fields);
  }
}
