import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import type { Request, Response } from 'express';
import { DomainErrorCode, DomainException } from './domain.exception';

/** How each domain error code answers over HTTP (also used by the access log for refused requests). */
export const STATUS_BY_CODE: Record<DomainErrorCode, number> = {
  [DomainErrorCode.ValidationFailed]: HttpStatus.BAD_REQUEST,
  [DomainErrorCode.Unauthenticated]: HttpStatus.UNAUTHORIZED,
  [DomainErrorCode.Forbidden]: HttpStatus.FORBIDDEN,
  [DomainErrorCode.NotFound]: HttpStatus.NOT_FOUND,
  [DomainErrorCode.StaleVersion]: HttpStatus.CONFLICT,
  [DomainErrorCode.Conflict]: HttpStatus.CONFLICT,
  [DomainErrorCode.EventRefused]: HttpStatus.UNPROCESSABLE_ENTITY,
};

const GENERIC_5XX = 'An unexpected error occurred on our side; it has been logged';

export interface ErrorBody {
  statusCode: number;
  error: string;
  message: string;
  details?: { code: string; message: string; field?: string }[];
}

/**
 * The one place where exceptions become HTTP responses. Domain exceptions map by code; framework
 * HTTP exceptions (e.g. a malformed JSON body) keep their status; anything else is a bug: 500 with a
 * generic body, logged with its stack but without the request body (it may hold client data).
 */
@Catch()
export class HttpExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('HttpExceptionFilter');

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const response = http.getResponse<Response>();
    const request = http.getRequest<Request>();
    const body = this.toBody(exception, request);
    if (!response.headersSent) response.status(body.statusCode).json(body);
  }

  private toBody(exception: unknown, request: Request): ErrorBody {
    if (exception instanceof DomainException) {
      const statusCode = STATUS_BY_CODE[exception.code];
      return {
        statusCode,
        error: exception.code,
        message: exception.message,
        ...(exception.details.length > 0 ? { details: exception.details } : {}),
      };
    }
    if (exception instanceof HttpException) {
      const statusCode = exception.getStatus();
      const response = exception.getResponse();
      const message =
        typeof response === 'string'
          ? response
          : Array.isArray((response as { message?: unknown }).message)
            ? ((response as { message: string[] }).message.join('; ') as string)
            : String((response as { message?: unknown }).message ?? exception.message);
      if (statusCode >= 500) {
        // Logged in full, answered generically: a 5xx message may name internals.
        this.logger.error(`${request.method} ${request.route?.path ?? ''}: ${message}`);
        return { statusCode, error: HttpStatus[statusCode]?.toLowerCase() ?? 'error', message: GENERIC_5XX };
      }
      return { statusCode, error: HttpStatus[statusCode]?.toLowerCase() ?? 'error', message };
    }
    const error = exception instanceof Error ? exception : new Error(String(exception));
    this.logger.error(`${request.method} ${request.route?.path ?? ''} failed: ${error.message}`, error.stack);
    return {
      statusCode: 500,
      error: 'internal_error',
      message: GENERIC_5XX,
    };
  }
}
