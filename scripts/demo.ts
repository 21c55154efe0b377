import { dayFrom } from "./relative-dates";
import { demoSubmission, StackClient } from "./stack-client";
import { readStackInfo } from "./stack-info";

const ANA = "ana.reviewer@contoso.example";
const BEN = "ben.reviewer@contoso.example";

/** npm run demo: against the stack npm start runs, files demands that take different paths and prints what happens. */
async function main(): Promise<void> {
  const stack = readStackInfo();
  const client = new StackClient(stack.apiUrl, stack.mailUrl, stack.credential, stack.staffPassword, stack.adminKey);
  const run = Date.now().toString(36);
  const say = (line: string) => console.log(line);
  const steps = async (id: string) => (await client.status(id)).timeline.map((t) => `      ${t.at}  ${t.step}`).join("\n");

  say(`Demo against ${stack.apiUrl} (mail inbox ${stack.mailUrl})\n`);

  const plain = `DEMO-${run}-A`;
  say(`1. A US warrant for a consumer's mail (${plain}): two reviewers must approve content.`);
  // Intake judges dates by the host's clock, which earlier runs moved ahead of the wall clock: date every demand from it.
  const a = await client.submit(demoSubmission(plain, {}, await client.clock()));
  for (const reviewer of [ANA, BEN]) {
    const link = await client.reviewLink(plain, reviewer);
    say(`   ${reviewer} approves through ${link}`);
    await client.decide(link, { action: "approve" });
  }
  await client.waitForMails(plain, 1, (m) => m.to.some((t) => t.address === "pat@outlook.example"));
  say("   The customer was notified with a copy of the demand; the objection window runs 10 days.");
  say(`   Clock moved to ${await client.advance("P11D")}.`);
  await client.waitFor(a, (s) => s.status === "closed", "closing");
  say(`${await steps(a)}\n`);

  const redirect = `DEMO-${run}-B`;
  say(`2. A demand for an enterprise customer's data (${redirect}): redirected to the customer first.`);
  const b = await client.submit(demoSubmission(redirect, { targets: [{ type: "email", value: "ceo@fabrikam.example" }], categories: ["subscriber_info"] }, await client.clock()));
  await client.waitFor(b, (s) => s.status === "awaiting_redirect", "redirect");
  say("   The requester withdraws after approaching the customer.");
  await client.api("POST", `/api/demands/${b}/withdraw`);
  await client.waitFor(b, (s) => s.status === "closed", "closing");
  say(`${await steps(b)}\n`);

  const invalid = `DEMO-${run}-C`;
  say(`3. An unsigned subpoena for content (${invalid}): rejected at validation, with every reason.`);
  const cNow = await client.clock();
  const c = await client.submit(
    demoSubmission(invalid, { legalProcess: { ...demoSubmission(invalid, {}, cNow).legalProcess, kind: "subpoena", signature: undefined } }, cNow),
  );
  const rejected = await client.waitFor(c, (s) => s.status === "closed", "closing");
  say(`   Outcome: ${rejected.outcome}\n${await steps(c)}\n`);

  const secret = `DEMO-${run}-D`;
  const dNow = await client.clock();
  const until = dayFrom(dNow, 100);
  say(`4. A warrant with a secrecy order until ${until} (${secret}): disclosed at once, the customer told only after expiry.`);
  const d = await client.submit(
    demoSubmission(secret, { categories: ["subscriber_info"], secrecyOrder: { reference: "NDO-7", issuingCourt: "Superior Court", issuedOn: dayFrom(dNow, -20), expiresOn: until } }, dNow),
  );
  const link = await client.reviewLink(secret, ANA);
  say(`   ${ANA} approves through ${link}`);
  await client.decide(link, { action: "approve" });
  await client.waitFor(d, (s) => s.status === "awaiting_secrecy_expiry", "secrecy wait");
  say(`   Clock moved to ${await client.advance("P110D")}: the order has expired; reviewers may withhold the delayed notice for 3 days.`);
  say(`   Clock moved to ${await client.advance("P4D")}.`);
  await client.waitFor(d, (s) => s.status === "closed", "closing");
  say(`${await steps(d)}\n`);

  const waiting = `DEMO-${run}-E`;
  await client.submit(demoSubmission(waiting, {}, await client.clock()));
  say(`5. ${waiting} is waiting for you: open ${stack.mailUrl}, find "Review requested: ${waiting}" and click the link.`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
