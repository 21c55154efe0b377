import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SmtpMailer } from "../../../shared/adapters/mail/smtp-mailer";
import { samplePdf } from "../../support/builders";
import { startMaildev, type Maildev } from "./maildev-server";

describe("SmtpMailer against maildev", () => {
  let maildev: Maildev;
  let mailer: SmtpMailer;

  beforeAll(async () => {
    maildev = await startMaildev({ user: "lrw", password: "s3cret" });
    mailer = new SmtpMailer({
      host: "127.0.0.1",
      port: maildev.smtpPort,
      secure: false,
      requireTls: false,
      user: "lrw",
      password: "s3cret",
      from: "Lawful Requests <lawful-requests@contoso.example>",
    });
  });

  afterAll(async () => {
    mailer?.close();
    await maildev?.stop();
  });

  it("delivers subject, text, HTML and the attachment to every recipient", async () => {
    const { messageId } = await mailer.send({
      to: ["admin1@fabrikam.example", "admin2@fabrikam.example"],
      subject: "Notice of a legal demand",
      text: "Plain body ✓",
      html: "<p>HTML <strong>body</strong> ✓</p>",
      attachments: [{ name: "demand.pdf", contentType: "application/pdf", content: samplePdf }],
    });
    expect(messageId).toMatch(/^<.+@.+>$/);
    const [mail] = await maildev.waitForMails(1);
    expect(mail?.subject).toBe("Notice of a legal demand");
    expect(mail?.text.trim()).toBe("Plain body ✓");
    expect(mail?.html).toContain("<strong>body</strong> ✓");
    expect(mail?.to.map((t) => t.address)).toEqual(["admin1@fabrikam.example", "admin2@fabrikam.example"]);
    expect(mail?.from.map((f) => f.address)).toEqual(["lawful-requests@contoso.example"]);
    const attachment = mail?.attachments?.[0];
    expect(attachment).toMatchObject({ fileName: "demand.pdf", contentType: "application/pdf" });
    expect(await maildev.attachment(mail!, attachment!.generatedFileName)).toEqual(samplePdf);
  });

  it("R5: sends a message's Reply-To, so a customer's reply to a notice reaches the legal contact", async () => {
    await mailer.send({ to: ["admin3@fabrikam.example"], replyTo: "legal-requests@contoso.example", subject: "Notice with a reply address", text: "x", html: "<p>x</p>" });
    const mail = (await maildev.waitForMails(2)).find((m) => m.subject === "Notice with a reply address");
    expect(mail?.replyTo?.map((r) => r.address)).toEqual(["legal-requests@contoso.example"]);
  });

  it("fails when the server refuses the credentials", async () => {
    const wrong = new SmtpMailer({
      host: "127.0.0.1",
      port: maildev.smtpPort,
      secure: false,
      requireTls: false,
      user: "lrw",
      password: "wrong",
      from: "lawful-requests@contoso.example",
    });
    await expect(wrong.send({ to: ["a@fabrikam.example"], subject: "x", text: "x", html: "<p>x</p>" })).rejects.toMatchObject({ code: "EAUTH" });
    wrong.close();
  });
});
