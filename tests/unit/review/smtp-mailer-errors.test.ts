import { createServer, type AddressInfo, type Server } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SmtpMailer } from "../../../shared/adapters/mail/smtp-mailer";
import { MailSendError } from "../../../shared/ports/mailer";

// A mail server that refuses every recipient the way Postfix does: its reply quotes the address. A notice's failure
// travels out of the activity into the host's logs and the orchestration history, so it must not carry that reply.
function refusingServer(): Server {
  return createServer((socket) => {
    socket.write("220 mx.fabrikam.example ESMTP\r\n");
    let buffered = "";
    socket.on("data", (chunk) => {
      buffered += chunk.toString("utf8");
      let end: number;
      while ((end = buffered.indexOf("\r\n")) >= 0) {
        const line = buffered.slice(0, end);
        buffered = buffered.slice(end + 2);
        const verb = line.slice(0, 4).toUpperCase();
        if (verb === "EHLO" || verb === "HELO") socket.write("250 mx.fabrikam.example\r\n");
        else if (verb === "MAIL") socket.write("250 2.1.0 Ok\r\n");
        else if (verb === "RCPT") socket.write(`550 5.1.1 ${/<([^>]*)>/.exec(line)?.[0] ?? "<?>"}: Recipient address rejected: User unknown in virtual mailbox table\r\n`);
        else if (verb === "RSET") socket.write("250 2.0.0 Ok\r\n");
        else if (verb === "QUIT") socket.end("221 2.0.0 Bye\r\n");
        else socket.write("502 5.5.2 Error: command not recognized\r\n");
      }
    });
  });
}

describe("SmtpMailer failures", () => {
  let server: Server;
  let port: number;

  beforeAll(async () => {
    server = refusingServer();
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    port = (server.address() as AddressInfo).port;
  });

  afterAll(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  it("a refused notice fails with a MailSendError that keeps the SMTP code but names no recipient address", async () => {
    const mailer = new SmtpMailer({ host: "127.0.0.1", port, secure: false, requireTls: false, from: "lawful-requests@contoso.example" });
    try {
      const send = mailer.send({ to: ["ceo.private@fabrikam.example"], subject: "Notice of a legal demand", text: "x", html: "<p>x</p>" });
      const error: unknown = await send.then(
        () => null,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(MailSendError);
      expect(error).toMatchObject({ code: "EENVELOPE" });
      expect(String((error as Error).message)).not.toContain("ceo.private");
      expect(String((error as Error).stack)).not.toContain("ceo.private");
      expect(JSON.stringify(error)).not.toContain("ceo.private");
    } finally {
      mailer.close();
    }
  });
});
