import { startMailCatcher } from "../../../scripts/mail-catcher";
import { poll, type CaughtMail as StackMail } from "../../../scripts/stack-client";

/** A mail caught by maildev, as its REST API returns it. */
export interface CaughtMail extends StackMail {
  html: string;
  from: { address: string }[];
  replyTo?: { address: string }[];
  attachments?: { fileName: string; contentType: string; generatedFileName: string }[];
}

/** A maildev SMTP server on 127.0.0.1 with its REST API. */
export interface Maildev {
  smtpPort: number;
  apiUrl: string;
  /** Waits until `count` mails were caught (or fails at the deadline) and returns them. */
  waitForMails(count: number): Promise<CaughtMail[]>;
  /** An attachment's bytes. */
  attachment(mail: CaughtMail, generatedFileName: string): Promise<Buffer>;
  stop(): Promise<void>;
}

/** Starts the project's mail catcher (maildev) on free loopback ports, optionally requiring SMTP auth. */
export async function startMaildev(auth?: { user: string; password: string }): Promise<Maildev> {
  const catcher = await startMailCatcher(auth === undefined ? {} : { auth });
  const apiUrl = catcher.webUrl;
  return {
    smtpPort: catcher.smtpPort,
    apiUrl,
    waitForMails: (count) =>
      poll(`${count} mail(s)`, async () => {
        const mails = (await (await fetch(`${apiUrl}/email`)).json()) as CaughtMail[];
        return mails.length >= count ? mails : undefined;
      }),
    attachment: async (mail, name) => Buffer.from(await (await fetch(`${apiUrl}/email/${mail.id}/attachment/${encodeURIComponent(name)}`)).arrayBuffer()),
    stop: () => catcher.stop(),
  };
}
