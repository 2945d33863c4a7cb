import { Inject, Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@hamiltix/platform';
import nodemailer, { type Transporter } from 'nodemailer';

export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
  html: string;
  headers?: Record<string, string>;
}

/** Thrown when a message could not be handed to the mail server. */
export class MailNotSentError extends Error {
  constructor(reason: string) {
    super(`mail not sent: ${reason}`);
    this.name = 'MailNotSentError';
  }
}

/**
 * SMTP through nodemailer (SMTP_URL, MAIL_FROM). Without SMTP_URL nothing can be sent and
 * every send fails (production refuses to start without it; `npm start` points it at the
 * local catcher). Errors never carry the recipient: addresses are not logged.
 */
@Injectable()
export class MailTransport implements OnModuleDestroy {
  private readonly logger = new Logger(MailTransport.name);
  private readonly transporter?: Transporter;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {
    const url = config.mail.smtpUrl?.reveal();
    if (url) this.transporter = nodemailer.createTransport(url, { from: config.mail.from });
    else this.logger.warn('SMTP_URL is not set: alert mail cannot be sent');
  }

  async send(mail: OutgoingMail): Promise<void> {
    if (!this.transporter) throw new MailNotSentError('SMTP_URL is not set');
    try {
      await this.transporter.sendMail({ from: this.config.mail.from, ...mail });
    } catch (error) {
      const e = error as { code?: string; responseCode?: number; message?: string };
      throw new MailNotSentError(e.code ?? String(e.responseCode ?? 'SMTP error'));
    }
  }

  onModuleDestroy(): void {
    this.transporter?.close();
  }
}
