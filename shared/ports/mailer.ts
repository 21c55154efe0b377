/** A file attached to a mail, e.g. the copy of the demand in a customer notice. */
export interface MailAttachment {
  name: string;
  contentType: string;
  content: Buffer;
}

/** One mail to one or more recipients, with a plain-text and an HTML body. */
export interface MailMessage {
  to: string[];
  /** Where replies go, when not to the sender (a customer notice's objections go to the legal contact, R5). */
  replyTo?: string;
  subject: string;
  text: string;
  html: string;
  attachments?: MailAttachment[];
}

/** Sends mail. */
export interface Mailer {
  /** Sends one message; resolves once the mail service accepted it. */
  send(message: MailMessage): Promise<{ messageId: string }>;
}

/** Raised when the mail service refuses or fails a message; the message never holds mail content or addresses. */
export class MailSendError extends Error {
  constructor(
    message: string,
    /** The mail library's error code (e.g. EAUTH, EENVELOPE), when there is one. */
    readonly code?: string,
  ) {
    super(message);
    this.name = "MailSendError";
  }
}
