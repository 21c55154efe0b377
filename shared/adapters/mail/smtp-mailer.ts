import { createTransport, type Transporter } from "nodemailer";
import type SMTPTransport from "nodemailer/lib/smtp-transport";
import { MailSendError, type Mailer, type MailMessage } from "../../ports/mailer";

/** How to reach an SMTP server (any: a relay, Exchange Online, maildev locally). */
export interface SmtpSettings {
  host: string;
  port: number;
  /** Implicit TLS from the first byte (port 465); otherwise STARTTLS is used when the server offers it. */
  secure: boolean;
  /** Refuse to send unless the connection is upgraded with STARTTLS. */
  requireTls: boolean;
  user?: string | undefined;
  password?: string | undefined;
  /** The sender address, e.g. "Lawful Requests <lawful-requests@contoso.example>". */
  from: string;
}

/** A Mailer over SMTP with nodemailer. */
export class SmtpMailer implements Mailer {
  private readonly transport: Transporter<SMTPTransport.SentMessageInfo>;

  constructor(private readonly settings: SmtpSettings) {
    this.transport = createTransport({
      // A few connections kept open and reused: a connection (and TLS handshake) per mail was a large share of the
      // lifecycle's work when many demands arrive at once (bench:intake).
      pool: true,
      maxConnections: 3,
      host: settings.host,
      port: settings.port,
      secure: settings.secure,
      requireTLS: settings.requireTls,
      ...(settings.user === undefined ? {} : { auth: { user: settings.user, pass: settings.password ?? "" } }),
    });
  }

  async send(message: MailMessage): Promise<{ messageId: string }> {
    const info = await this.transport
      .sendMail({
        from: this.settings.from,
        to: message.to,
        ...(message.replyTo === undefined ? {} : { replyTo: message.replyTo }),
        subject: message.subject,
        text: message.text,
        html: message.html,
        attachments: (message.attachments ?? []).map((a) => ({ filename: a.name, contentType: a.contentType, content: a.content })),
      })
      .catch((error: unknown) => {
        throw smtpFailure(error);
      });
    // Some servers accept a message for part of its recipients; a notice that misses one must not pass as sent.
    if (info.rejected.length > 0) throw new MailSendError(`the SMTP server refused ${info.rejected.length} of ${message.to.length} recipients`);
    return { messageId: info.messageId };
  }

  /** Closes the SMTP connections. */
  close(): void {
    this.transport.close();
  }
}

/**
 * A send failure without nodemailer's message: it quotes the server's reply, which names the refused addresses (a
 * customer's admins), and it would travel on into the host's logs and the orchestration history.
 */
function smtpFailure(error: unknown): MailSendError {
  const { code, responseCode } = (typeof error === "object" && error !== null ? error : {}) as { code?: unknown; responseCode?: unknown };
  const name = typeof code === "string" && /^[A-Z_]{1,32}$/.test(code) ? code : undefined;
  const reply = typeof responseCode === "number" ? `, reply ${responseCode}` : "";
  return new MailSendError(`the SMTP send failed (${name ?? "no code"}${reply})`, name);
}
