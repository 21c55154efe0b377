import type { EmailMessage } from "@azure/communication-email";
import { inspect } from "node:util";
import { describe, expect, it } from "vitest";
import { AcsMailer, type AcsEmailClient } from "../../../shared/adapters/mail/acs-mailer";
import { MailSendError } from "../../../shared/ports/mailer";
import { samplePdf } from "../../support/builders";

function aFakeClient(result: { id: string; status: string; error?: { code?: string } }) {
  const sent: EmailMessage[] = [];
  const client: AcsEmailClient = {
    beginSend: async (message) => {
      sent.push(message);
      return { pollUntilDone: async () => result };
    },
  };
  return { client, sent };
}

describe("AcsMailer", () => {
  it("sends the message as ACS Email expects it and returns the operation id", async () => {
    const { client, sent } = aFakeClient({ id: "op-1", status: "Succeeded" });
    const mailer = new AcsMailer(client, "DoNotReply@contoso.example");
    const result = await mailer.send({
      to: ["a@fabrikam.example", "b@fabrikam.example"],
      subject: "Subject",
      text: "Text",
      html: "<p>Html</p>",
      attachments: [{ name: "demand.pdf", contentType: "application/pdf", content: samplePdf }],
    });
    expect(result).toEqual({ messageId: "op-1" });
    expect(sent).toEqual([
      {
        senderAddress: "DoNotReply@contoso.example",
        recipients: { to: [{ address: "a@fabrikam.example" }, { address: "b@fabrikam.example" }] },
        content: { subject: "Subject", plainText: "Text", html: "<p>Html</p>" },
        attachments: [{ name: "demand.pdf", contentType: "application/pdf", contentInBase64: samplePdf.toString("base64") }],
        disableUserEngagementTracking: true,
      },
    ]);
  });

  it("raises a MailSendError naming the status and code, not the content, when the send fails", async () => {
    const { client } = aFakeClient({ id: "op-2", status: "Failed", error: { code: "InvalidRecipient" } });
    const send = new AcsMailer(client, "DoNotReply@contoso.example").send({ to: ["secret@fabrikam.example"], subject: "s", text: "t", html: "h" });
    await expect(send).rejects.toBeInstanceOf(MailSendError);
    await expect(send).rejects.toThrow("ACS Email ended Failed (InvalidRecipient)");
    await expect(send).rejects.not.toThrow(/secret@/);
  });

  it("turns an error the SDK throws into a MailSendError without its message or the request it carries (the notice)", async () => {
    // A RestError quotes the service's message and keeps the request, whose body is the whole mail; an activity's error
    // goes on into the host's logs and the orchestration history.
    const sdkError = Object.assign(new Error("Invalid recipient 'secret@fabrikam.example'"), {
      name: "RestError",
      code: "InvalidRecipient",
      statusCode: 400,
      request: { body: JSON.stringify({ recipients: { to: [{ address: "secret@fabrikam.example" }] }, content: { plainText: "Your accounts named: secret-account" } }) },
    });
    const client: AcsEmailClient = {
      beginSend: async () => {
        throw sdkError;
      },
    };
    const error: unknown = await new AcsMailer(client, "DoNotReply@contoso.example")
      .send({ to: ["secret@fabrikam.example"], subject: "s", text: "Your accounts named: secret-account", html: "h" })
      .then(
        () => null,
        (e: unknown) => e,
      );
    expect(error).toBeInstanceOf(MailSendError);
    expect(error).toMatchObject({ code: "InvalidRecipient" });
    expect(inspect(error, { depth: 5 })).not.toMatch(/secret/);
    expect(JSON.stringify(error)).not.toMatch(/secret/);
  });

  it("R5: passes a message's Reply-To on, so replies to a notice sent from a DoNotReply address reach the legal contact", async () => {
    const { client, sent } = aFakeClient({ id: "op-3", status: "Succeeded" });
    await new AcsMailer(client, "DoNotReply@contoso.example").send({ to: ["a@fabrikam.example"], replyTo: "legal-requests@contoso.example", subject: "s", text: "t", html: "h" });
    expect(sent[0]?.replyTo).toEqual([{ address: "legal-requests@contoso.example" }]);
  });
});
