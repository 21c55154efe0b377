import { createCipheriv, createHash } from "node:crypto";
import { itemPath } from "../../../collection/data-layout";
import type { DataCategory } from "../../../domain/enums";
import { DEMO_DATA_ACCOUNTS, type DemoAccountProfile } from "./demo-accounts";

/** One generated demo item: its metadata and its stored bytes. */
export interface DemoItem {
  accountId: string;
  path: string;
  category: DataCategory;
  source: string;
  date: string;
  customerHeld: boolean;
  bytes: Buffer;
}

/** The first and last day demo data is dated on: the two years ending with the half-year of `now` (so it never runs out). */
export function demoDataPeriod(now: Date): { from: string; to: string } {
  const year = now.getUTCFullYear();
  return now.getUTCMonth() < 6 ? { from: `${year - 2}-07-01`, to: `${year}-06-30` } : { from: `${year - 1}-01-01`, to: `${year}-12-31` };
}

const PERIOD_DAYS = 730;
const DAY_MS = 86_400_000;

/** How many items of each category an ordinary account has, and the system each comes from. */
const PLAN: readonly { category: DataCategory; count: number; source: string }[] = [
  { category: "subscriber_info", count: 4, source: "directory" },
  { category: "ip_history", count: 4, source: "signin-logs" },
  { category: "billing", count: 4, source: "billing" },
  { category: "content_mail", count: 4, source: "exchange" },
  { category: "content_files", count: 4, source: "onedrive" },
  { category: "content_messages", count: 4, source: "teams" },
];

const LINKS_ONLY_PLAN: readonly { category: DataCategory; count: number; source: string }[] = [
  { category: "ip_history", count: 4, source: "anonymous-links" },
  { category: "content_files", count: 4, source: "anonymous-links" },
];

const SUBJECTS = ["Quarterly numbers", "Travel plans", "Contract draft", "Dinner on Friday", "Invoice query", "Team offsite"];
const FILE_NAMES = ["budget.csv", "notes.txt", "plan.md", "photo-list.txt"];

/** The whole demo data set, generated the same way for any `now` in one half-year (a few dozen small items over the two years up to it). */
export function generateDemoDataset(accounts: readonly DemoAccountProfile[] = DEMO_DATA_ACCOUNTS, now: Date = new Date()): DemoItem[] {
  const start = Date.parse(`${demoDataPeriod(now).from}T00:00:00Z`);
  return accounts.flatMap((account) =>
    (account.linksOnly === true ? LINKS_ONLY_PLAN : PLAN).flatMap(({ category, count, source }) =>
      Array.from({ length: count }, (_, index) => makeItem(account, category, source, index, count, start)),
    ),
  );
}

function makeItem(account: DemoAccountProfile, category: DataCategory, source: string, index: number, count: number, start: number): DemoItem {
  const seed = `${account.accountId}|${category}|${index}`;
  const date = dayOf(seed, index, count, start);
  const path = pathOf(category, date, index);
  const plaintext = Buffer.from(contentOf(account, category, date, index, path), "utf8");
  const customerHeld = account.customerHeldContent === true && isContent(category);
  return { accountId: account.accountId, path, category, source, date, customerHeld, bytes: customerHeld ? encryptForCustomer(account.accountId, path, plaintext) : plaintext };
}

/** A day in the demo period: the items of a category are spread evenly (so every half-year has some), jittered by a hash of the seed. */
function dayOf(seed: string, index: number, count: number, start: number): string {
  const slot = PERIOD_DAYS / count;
  const offset = Math.floor(index * slot + (digest(seed).readUInt32BE(0) % Math.floor(slot)));
  return new Date(start + offset * DAY_MS).toISOString().slice(0, 10);
}

/** The item's path in the data layout (shared/collection/data-layout.ts): "<category>/<day>/<name>". */
function pathOf(category: DataCategory, date: string, index: number): string {
  return itemPath(category, date, nameOf(category, index));
}

function nameOf(category: DataCategory, index: number): string {
  switch (category) {
    case "subscriber_info":
      return "profile.json";
    case "ip_history":
      return "sign-ins.csv";
    case "billing":
      return "invoice.json";
    case "content_mail":
      return `message-${index + 1}.eml`;
    case "content_files":
      return FILE_NAMES[index % FILE_NAMES.length] as string;
    case "content_messages":
      return "chat.json";
  }
}

function contentOf(account: DemoAccountProfile, category: DataCategory, date: string, index: number, path: string): string {
  // Every item names itself, so tests can search storage for any item's plaintext.
  const marker = `demo-item ${account.accountId}/${path}`;
  const octet = (digest(`${account.accountId}|ip|${index}`)[0] as number) % 250;
  switch (category) {
    case "subscriber_info":
      return JSON.stringify({ marker, accountId: account.accountId, name: account.holderName, email: account.email, country: account.country, asOf: date, registrationIp: `198.51.100.${octet + 1}` }, null, 2);
    case "ip_history":
      return `# ${marker}\ntimestamp,ip,result\n${date}T08:1${index}:00Z,203.0.113.${octet + 1},success\n${date}T19:4${index}:00Z,198.51.100.${octet + 2},success\n`;
    case "billing":
      return JSON.stringify({ marker, accountId: account.accountId, invoiceDate: date, amount: { currency: "USD", value: 10 + (octet % 40) }, plan: "Premium" }, null, 2);
    case "content_mail":
      return `From: ${account.email}\r\nTo: friend${index}@mail.example\r\nDate: ${date}\r\nSubject: ${SUBJECTS[octet % SUBJECTS.length] as string}\r\nX-Demo: ${marker}\r\n\r\nHello,\r\nthis is demo message ${index + 1} of ${account.holderName}.\r\n`;
    case "content_files":
      return `${marker}\nA demo file of ${account.holderName}, saved ${date}.\n${"line of demo text\n".repeat(3 + index)}`;
    case "content_messages":
      return JSON.stringify({ marker, chat: [{ from: account.email, at: `${date}T10:00:00Z`, text: "Are we still on for tomorrow?" }, { from: "colleague@mail.example", at: `${date}T10:02:00Z`, text: "Yes, 9am." }] }, null, 2);
  }
}

function isContent(category: DataCategory): boolean {
  return category === "content_mail" || category === "content_files" || category === "content_messages";
}

/** Stands in for content the customer encrypted with its own key before the provider stored it. */
function encryptForCustomer(accountId: string, path: string, plaintext: Buffer): Buffer {
  const key = digest(`demo customer-held key|${accountId}`);
  const iv = digest(`demo customer-held iv|${path}`).subarray(0, 16);
  const cipher = createCipheriv("aes-256-ctr", key, iv);
  return Buffer.concat([cipher.update(plaintext), cipher.final()]);
}

function digest(text: string): Buffer {
  return createHash("sha256").update(text).digest();
}
