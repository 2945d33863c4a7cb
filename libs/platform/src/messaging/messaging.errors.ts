/** A payload does not match the contract schema of its subject (nothing was sent). */
export class MessageValidationError extends Error {
  constructor(
    readonly subject: string,
    readonly reason: string,
  ) {
    super(`invalid message for "${subject}": ${reason}`);
    this.name = 'MessageValidationError';
  }
}

/** A request/reply call got no answer within its timeout. */
export class RequestTimeoutError extends Error {
  constructor(
    readonly subject: string,
    readonly timeoutMs: number,
  ) {
    super(`request to "${subject}" got no reply within ${timeoutMs} ms`);
    this.name = 'RequestTimeoutError';
  }
}

/** A request/reply call found nobody listening on the subject. */
export class NoRespondersError extends Error {
  constructor(readonly subject: string) {
    super(`request to "${subject}" found no responders (is the service that answers it running?)`);
    this.name = 'NoRespondersError';
  }
}

/** NATS is not reachable right now (the client keeps reconnecting in the background). */
export class MessagingUnavailableError extends Error {
  constructor(detail: string) {
    super(`NATS unavailable: ${detail}`);
    this.name = 'MessagingUnavailableError';
  }
}
