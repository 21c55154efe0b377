import { createHash, generateKeyPairSync, randomUUID } from "node:crypto";
import type { DemandBody, DemandSubmission } from "../../shared/domain/demand";
import type { DemandRecord } from "../../shared/domain/demand-record";
import type { VettedRequester } from "../../shared/domain/requester";
import type { AccountMapping, Tenant } from "../../shared/domain/tenant";
import { identifierKey } from "../../shared/domain/tenant";
import { minimalPdf } from "../../scripts/minimal-pdf";
import { demoSubmission } from "../../scripts/stack-client";

/** An RSA key pair for a requester's delivery key, made once per test process. */
export const requesterKeys = generateKeyPairSync("rsa", { modulusLength: 2048 });

/** The delivery public key as PEM. */
export const requesterPublicKeyPem = requesterKeys.publicKey.export({ type: "spki", format: "pem" }).toString();

/** A tiny well-formed PDF for uploads. */
export const samplePdf = minimalPdf("SW-2026-0042");

/** A legally sound demand body: the demo's US warrant for one consumer mailbox, from the Example County agency. */
export function aDemandBody(overrides: Partial<DemandBody> = {}): DemandBody {
  const { document: _document, ...demo } = demoSubmission("SW-2026-0042");
  return {
    ...demo,
    requester: { ...demo.requester, agency: "Example County Sheriff" },
    legalProcess: { ...demo.legalProcess, issuingAuthority: "Superior Court of Example County" },
    ...overrides,
  };
}

/** A demand submission as a requester would POST it. */
export function aSubmission(overrides: Partial<DemandBody> = {}): DemandSubmission {
  return { ...aDemandBody(overrides), document: { filename: "warrant.pdf", contentBase64: samplePdf.toString("base64") } };
}

/** A stored demand record. */
export function aDemandRecord(overrides: Partial<DemandRecord> = {}): DemandRecord {
  return {
    id: randomUUID(),
    requesterId: randomUUID(),
    idempotencyKey: randomUUID(),
    requestFingerprint: createHash("sha256").update("x").digest("hex"),
    servedVia: "portal",
    receivedAt: "2026-11-21T10:00:00.000Z",
    body: aDemandBody(),
    document: { blobName: "demands/x/doc.pdf", sha256: createHash("sha256").update(samplePdf).digest("hex"), size: samplePdf.length, filename: "warrant.pdf" },
    status: "received",
    timeline: [{ at: "2026-11-21T10:00:00.000Z", step: "received" }],
    reviewRounds: [],
    secrecyOrders: [],
    ...overrides,
  };
}

/** A vetted, active requester. */
export function aRequester(overrides: Partial<VettedRequester> = {}): VettedRequester {
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
    vettedAt: "2026-11-01T00:00:00.000Z",
    updatedAt: "2026-11-01T00:00:00.000Z",
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
