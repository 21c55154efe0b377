import { createHash, generateKeyPairSync, randomUUID } from "node:crypto";
import type { DemandBody, DemandSubmission } from "../../shared/domain/demand";
import type { DemandRecord } from "../../shared/domain/demand-record";
import type { VettedRequester } from "../../shared/domain/requester";
import type { AccountMapping, Tenant } from "../../shared/domain/tenant";
import { identifierKey } from "../../shared/domain/tenant";
import { minimalPdf } from "../../scripts/minimal-pdf";
import { demoSubmission } from "../../scripts/stack-client";
import { dayFrom } from "../../scripts/relative-dates";

/**
 * The fixed "now" of tests that run on a fixed clock: every date a builder makes is computed from the `now` it is
 * given (this one by default), so nothing expires as the calendar moves on. Tests against the wall clock (e2e) pass `new Date()`.
 */
export const TEST_NOW = new Date("2026-11-21T12:00:00.000Z");

/** An RSA key pair for a requester's delivery key, made once per test process. */
export const requesterKeys = generateKeyPairSync("rsa", { modulusLength: 2048 });

/** The delivery public key as PEM. */
export const requesterPublicKeyPem = requesterKeys.publicKey.export({ type: "spki", format: "pem" }).toString();

/** A tiny well-formed PDF for uploads. */
export const samplePdf = minimalPdf("SW-2026-0042");

/** A legally sound demand body: the demo's US warrant for one consumer mailbox, from the Example County agency, dated around `now`. */
export function aDemandBody(overrides: Partial<DemandBody> = {}, now: Date = TEST_NOW): DemandBody {
  const { document: _document, ...demo } = demoSubmission(`SW-${now.getUTCFullYear()}-0042`, {}, now);
  return {
    ...demo,
    requester: { ...demo.requester, agency: "Example County Sheriff" },
    legalProcess: { ...demo.legalProcess, issuingAuthority: "Superior Court of Example County" },
    ...overrides,
  };
}

/** A demand submission as a requester would POST it, dated around `now`. */
export function aSubmission(overrides: Partial<DemandBody> = {}, now: Date = TEST_NOW): DemandSubmission {
  return { ...aDemandBody(overrides, now), document: { filename: "warrant.pdf", contentBase64: samplePdf.toString("base64") } };
}

/** A stored demand record, received two hours before `now`. */
export function aDemandRecord(overrides: Partial<DemandRecord> = {}, now: Date = TEST_NOW): DemandRecord {
  const receivedAt = new Date(now.getTime() - 2 * 3_600_000).toISOString();
  return {
    id: randomUUID(),
    requesterId: randomUUID(),
    idempotencyKey: randomUUID(),
    requestFingerprint: createHash("sha256").update("x").digest("hex"),
    servedVia: "portal",
    receivedAt,
    body: aDemandBody({}, now),
    document: { blobName: "demands/x/doc.pdf", sha256: createHash("sha256").update(samplePdf).digest("hex"), size: samplePdf.length, filename: "warrant.pdf" },
    status: "received",
    timeline: [{ at: receivedAt, step: "received" }],
    reviewRounds: [],
    secrecyOrders: [],
    ...overrides,
  };
}

/** A vetted, active requester, vetted 20 days before `now`. */
export function aRequester(overrides: Partial<VettedRequester> = {}, now: Date = TEST_NOW): VettedRequester {
  const vettedAt = `${dayFrom(now, -20)}T00:00:00.000Z`;
  return {
    id: randomUUID(),
    name: "Example County Sheriff",
    kind: "law_enforcement",
    country: "US",
    jurisdictions: ["US-CA"],
    contacts: [{ name: "Records Unit", email: "records@sheriff.example" }],
    deliveryPublicKeyPem: requesterPublicKeyPem,
    status: "active",
    credentialId: randomUUID(),
    credentialHash: "0".repeat(64),
    vettedAt,
    updatedAt: vettedAt,
    ...overrides,
  };
}

/** A consumer tenant with data in the US. */
export function aTenant(overrides: Partial<Tenant> = {}): Tenant {
  return {
    id: randomUUID(),
    name: "Pat Consumer",
    kind: "consumer",
    seats: 1,
    commercialService: false,
    adminContacts: [],
    dataCountry: "US",
    keyOption: { kind: "provider_managed" },
    delinkedServices: [],
    ...overrides,
  };
}

/** An email identifier mapped to an account of a tenant. */
export function anAccount(overrides: Partial<AccountMapping> & { tenantId: string }): AccountMapping {
  const identifierType = overrides.identifierType ?? "email";
  const identifierValue = overrides.identifierValue ?? "pat@outlook.example";
  return {
    id: identifierKey(identifierType, identifierValue),
    identifierType,
    identifierValue,
    accountId: randomUUID(),
    service: "mail",
    holderEmail: "pat@outlook.example",
    ...overrides,
  };
}

/** What an administrator posts to vet a requester (POST /api/manage/requesters). */
export function aVettingRequest(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    name: "Example Police",
    kind: "law_enforcement",
    country: "DE",
    jurisdictions: ["DE-BY"],
    contacts: [{ name: "Desk", email: "desk@police.example" }],
    deliveryPublicKeyPem: requesterPublicKeyPem,
    ...overrides,
  };
}
