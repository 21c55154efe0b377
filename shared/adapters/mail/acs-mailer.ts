import { EmailClient, type EmailMessage } from "@azure/communication-email";
import type { TokenCredential } from "@azure/identity";
import { MailSendError, type Mailer, type MailMessage } from "../../ports/mailer";

/** The part of the ACS EmailClient this adapter uses (its port boundary, so tests can pass a fake). */
export interface AcsEmailClient {
  beginSend(message: EmailMessage): Promise<{ pollUntilDone(): Promise<{ id: string; status: string; error?: { code?: string } }> }>;
}

/** Where Azure Communication Services Email is and who sends. */
export interface AcsEmailSettings {
  /** e.g. https://contoso.europe.communication.azure.com */
  endpoint: string;
  /** A sender address on a domain verified in the ACS resource, e.g. DoNotReply@contoso.example. */
  senderAddress: string;
}

/** A Mailer over Azure Communication Services Email. */
export class AcsMailer implements Mailer {
  constructor(
    private readonly client: AcsEmailClient,
    private readonly senderAddress: string,
  ) {}

  async send(message: MailMessage): Promise<{ messageId: string }> {
    const result = await this.sendAndWait(message).catch((error: unknown) => {
      throw sdkFailure(error);
    });
    if (result.status !== "Succeeded") {
      throw new MailSendError(`ACS Email ended ${result.status}${result.error?.code === undefined ? "" : ` (${result.error.code})`}`);
    }
    return { messageId: result.id };
  }

  private async sendAndWait(message: MailMessage): Promise<{ id: string; status: string; error?: { code?: string } }> {
    const poller = await this.client.beginSend({
      senderAddress: this.senderAddress,
      recipients: { to: message.to.map((address) => ({ address })) },
      ...(message.replyTo === undefined ? {} : { replyTo: [{ address: message.replyTo }] }),
      content: { subject: message.subject, plainText: message.text, html: message.html },
      attachments: (message.attachments ?? []).map((a) => ({ name: a.name, contentType: a.contentType, contentInBase64: a.content.toString("base64") })),
      // Review links and notices must not be rewritten by click tracking.
      disableUserEngagementTracking: true,
    });
    return poller.pollUntilDone();
  }
}

/**
 * A failure the SDK threw, without its message (the service's text can quote an address) or its request, whose body is
 * the whole mail: it would travel on into the host's logs and the orchestration history.
 */
function sdkFailure(error: unknown): MailSendError {
  const { code, statusCode } = (typeof error === "object" && error !== null ? error : {}) as { code?: unknown; statusCode?: unknown };
  const name = typeof code === "string" && /^[A-Za-z_]{1,64}$/.test(code) ? code : undefined;
  const status = typeof statusCode === "number" ? `HTTP ${statusCode}` : "no status";
  return new MailSendError(`ACS Email failed (${status}${name === undefined ? "" : `, ${name}`})`, name);
}

/** An ACS mailer with the app's shared credential (managed identity in Azure). */
export function createAcsMailer(settings: AcsEmailSettings, credential: TokenCredential): AcsMailer {
  return new AcsMailer(new EmailClient(settings.endpoint, credential), settings.senderAddress);
}
