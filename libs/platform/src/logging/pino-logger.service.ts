import type { LoggerService, LogLevel } from '@nestjs/common';
import { pino, type Logger as Pino } from 'pino';
import { correlationId } from './correlation.js';

/** Fields whose values never reach a log line, wherever they appear in a logged object. */
export const REDACTED_PATHS = [
  'password',
  'secret',
  'token',
  'accessToken',
  'paymentToken',
  'authorization',
  '*.password',
  '*.secret',
  '*.token',
  '*.accessToken',
  '*.paymentToken',
  '*.authorization',
  'req.headers.authorization',
  'headers.authorization',
  'headers["x-signature"]',
  'headers["x-token"]',
];

export function createPino(service: string, level: string, destination?: NodeJS.WritableStream): Pino {
  return pino(
    {
      level,
      base: { service },
      messageKey: 'message',
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
      mixin: () => {
        const id = correlationId();
        return id ? { correlationId: id } : {};
      },
    },
    destination as pino.DestinationStream | undefined,
  );
}

/**
 * Nest's LoggerService on pino: every `new Logger(X.name).log(...)` becomes one JSON line
 * with service, context and the current correlation id.
 */
export class PinoLoggerService implements LoggerService {
  constructor(readonly pino: Pino) {}

  log(message: unknown, ...rest: unknown[]): void {
    this.write('info', message, rest);
  }
  error(message: unknown, ...rest: unknown[]): void {
    this.write('error', message, rest);
  }
  warn(message: unknown, ...rest: unknown[]): void {
    this.write('warn', message, rest);
  }
  debug(message: unknown, ...rest: unknown[]): void {
    this.write('debug', message, rest);
  }
  verbose(message: unknown, ...rest: unknown[]): void {
    this.write('trace', message, rest);
  }
  fatal(message: unknown, ...rest: unknown[]): void {
    this.write('fatal', message, rest);
  }
  setLogLevels(_levels: LogLevel[]): void {
    // The level comes from LOG_LEVEL; Nest's own level list is not used.
  }

  private write(
    level: 'info' | 'error' | 'warn' | 'debug' | 'trace' | 'fatal',
    message: unknown,
    rest: unknown[],
  ): void {
    // Nest passes (message, context) or (message, stack, context) for errors.
    const args = [...rest];
    const context = typeof args[args.length - 1] === 'string' ? (args.pop() as string) : undefined;
    const fields: Record<string, unknown> = {};
    if (context) fields.context = context;
    for (const extra of args) {
      if (typeof extra === 'string' && extra.includes('\n    at ')) fields.stack = extra;
      else if (extra instanceof Error) fields.err = extra;
      else if (extra && typeof extra === 'object') Object.assign(fields, extra);
    }
    if (message instanceof Error) {
      this.pino[level]({ ...fields, err: message }, message.message);
    } else if (message && typeof message === 'object') {
      const { message: text, ...obj } = message as Record<string, unknown>;
      this.pino[level]({ ...fields, ...obj }, typeof text === 'string' ? text : '');
    } else {
      this.pino[level](fields, String(message));
    }
  }
}
