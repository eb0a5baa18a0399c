import { randomUUID } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';

/** Where the request id lives on the request (a symbol: nothing from outside can set it). */
export const REQUEST_ID = Symbol.for('koers.requestId');

export const REQUEST_ID_HEADER = 'X-Request-Id';

/**
 * Every request gets a fresh id, answered as `X-Request-Id` and written into its access-log row, so a user's
 * report of a failed request can be found in the log. An id sent by the client is ignored, never trusted.
 */
export function requestIdMiddleware(request: Request, response: Response, next: NextFunction): void {
  const id = randomUUID();
  (request as Request & { [REQUEST_ID]?: string })[REQUEST_ID] = id;
  response.setHeader(REQUEST_ID_HEADER, id);
  next();
}
