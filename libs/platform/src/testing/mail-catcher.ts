import mailparser from 'mailparser';
import smtpServer from 'smtp-server';

/** One message the catcher received, parsed with mailparser. */
export interface CaughtMail {
  id: number;
  receivedAt: string;
  from: string;
  to: string[];
  subject: string;
  text: string;
  html: string;
  /** Header names lower-cased; structured values as mailparser renders them to text. */
  headers: Record<string, string>;
  /** Number of attachments and of remote resources an HTML part points at (both should be 0). */
  attachments: number;
}

export interface MailCatcher {
  /** `smtp://127.0.0.1:<port>`, for SMTP_URL. */
  readonly smtpUrl: string;
  readonly port: number;
  messages(): readonly CaughtMail[];
  /** Messages to one address (compared lower-cased). */
  to(address: string): CaughtMail[];
  clear(): void;
  /** Resolves once at least `count` messages went to `address`, or rejects after `timeoutMs`. */
  waitFor(address: string, count: number, timeoutMs?: number): Promise<CaughtMail[]>;
  stop(): Promise<void>;
}

/**
 * A local SMTP server that accepts every message and keeps it in memory, parsed. Used by the
 * notifier's tests and by `npm start` (scripts/mail-catcher.mjs, which serves the mailbox to
 * the website dev server's /dev/mail). Never in production.
 */
export async function startMailCatcher(options: { port?: number; host?: string } = {}): Promise<MailCatcher> {
  const host = options.host ?? '127.0.0.1';
  const received: CaughtMail[] = [];
  let next = 1;
  const server = new smtpServer.SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    size: 5 * 1024 * 1024,
    onData(stream, session, callback) {
      mailparser
        .simpleParser(stream)
        .then((mail) => {
          const headers: Record<string, string> = {};
          for (const line of mail.headerLines) {
            const colon = line.line.indexOf(':');
            headers[line.key] = line.line.slice(colon + 1).trim();
          }
          received.push({
            id: next++,
            receivedAt: new Date().toISOString(),
            from: mail.from?.text ?? '',
            to: session.envelope.rcptTo.map((r) => r.address.toLowerCase()),
            subject: mail.subject ?? '',
            text: mail.text ?? '',
            html: typeof mail.html === 'string' ? mail.html : '',
            headers,
            attachments: mail.attachments.length,
          });
          callback();
        })
        .catch((error: Error) => callback(error));
    },
  });
  const port = await new Promise<number>((resolve, reject) => {
    server.server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      const address = server.server.address();
      resolve(typeof address === 'object' && address ? address.port : 0);
    });
  });
  const to = (address: string) => received.filter((m) => m.to.includes(address.toLowerCase()));
  return {
    smtpUrl: `smtp://${host}:${port}`,
    port,
    messages: () => received,
    to,
    clear: () => void received.splice(0),
    async waitFor(address, count, timeoutMs = 10_000) {
      const deadline = performance.now() + timeoutMs;
      while (to(address).length < count) {
        if (performance.now() > deadline) {
          throw new Error(
            `expected ${count} mail(s) to ${address} within ${timeoutMs} ms, got ${to(address).length}`,
          );
        }
        await new Promise((r) => setTimeout(r, 25));
      }
      return to(address);
    },
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
