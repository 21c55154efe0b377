import { createHash, randomUUID } from "node:crypto";
import type { DemandBody, DemandSubmission, TimelineEntry } from "../domain/demand";
import type { DemandRecord } from "../domain/demand-record";
import { classifyTargets } from "../domain/classify-targets";
import { ownersOf } from "../domain/target-owners";
import { joinTargets } from "../domain/tenant-targets";
import { evaluateDemand } from "../domain/policy";
import type { DataAccessAgreement, PolicyLimits } from "../domain/policy/policy-context";
import type { VettedRequester } from "../domain/requester";
import { DomainError } from "../errors/domain-error";
import type { CustomerDirectory } from "../ports/customer-directory";
import type { DemandStore } from "../ports/demand-store";
import type { DocumentStore } from "../ports/document-store";
import { canonicalJson } from "./canonical-json";
import { decodePdf } from "./decode-pdf";

/** What intake needs from the outside. */
export interface SubmitDemandDeps {
  demands: DemandStore;
  documents: DocumentStore;
  directory: CustomerDirectory;
  now: () => Date;
  providerLegalNames: string[];
  limits: PolicyLimits;
  agreements: readonly DataAccessAgreement[];
}

/** The outcome of a submission: the stored demand, and whether this call created it. */
export interface SubmitDemandResult {
  record: DemandRecord;
  created: boolean;
}

/** Validates a well-formed submission against the policy and records it once per idempotency key. */
export async function submitDemand(
  deps: SubmitDemandDeps,
  requester: VettedRequester,
  idempotencyKey: string,
  submission: DemandSubmission,
): Promise<SubmitDemandResult> {
  const id = demandIdFor(requester.id, idempotencyKey);
  const fingerprint = createHash("sha256").update(canonicalJson(submission)).digest("hex");
  const { document, ...body } = submission;
  // The replay check and the policy's directory reads are independent reads: done together, a new demand waits for
  // one round trip fewer. A replay's verdict is dropped; the replay check's answer (or refusal) always comes first.
  const [replay, judged] = await Promise.allSettled([replayOf(deps, id, fingerprint), judge(deps, { id, requester, idempotencyKey, fingerprint, body })]);
  const existing = settledValue(replay);
  if (existing !== null) return { record: existing, created: false };
  const record = settledValue(judged);

  const pdf = decodePdf(submission.document.contentBase64, "document.contentBase64");
  const sha256 = createHash("sha256").update(pdf).digest("hex");
  // Each attempt writes its own copy: two identical submissions at once must never share a name, or the one that fails
  // would remove the document the other's stored demand points at.
  const blobName = `demands/${id}/${sha256}-${randomUUID()}.pdf`;
  await deps.documents.put(blobName, pdf, "application/pdf");
  const stored: DemandRecord = { ...record, document: { blobName, sha256, size: pdf.length, filename: document.filename } };
  try {
    if (await deps.demands.create(stored)) return { record: stored, created: true };
    // Another request with the same key won the race: its demand has its own copy, so this one is nobody's.
    await deps.documents.remove(blobName);
    // Answer as a replay, or refuse a different body.
    const winner = await replayOf(deps, id, fingerprint);
    if (winner === null) throw new Error("a demand that conflicted on create could not be read back");
    return { record: winner, created: false };
  } catch (error) {
    // Never leave a document behind that no demand refers to (unless this create did commit before it failed).
    const winner = await deps.demands.get(id);
    if (winner?.record.document.blobName !== blobName) await deps.documents.remove(blobName);
    throw error;
  }
}

/** The demand id for a requester's idempotency key: stable, so a retried POST lands on the same demand. */
export function demandIdFor(requesterId: string, idempotencyKey: string): string {
  const hex = createHash("sha256").update(`${requesterId}\n${idempotencyKey}`).digest("hex");
  return `dmd-${hex.slice(0, 32)}`;
}

/** A settled promise's value, or its reason thrown. */
function settledValue<T>(result: PromiseSettledResult<T>): T {
  if (result.status === "rejected") throw result.reason;
  return result.value;
}

async function replayOf(deps: SubmitDemandDeps, id: string, fingerprint: string): Promise<DemandRecord | null> {
  const existing = await deps.demands.get(id);
  if (existing === null) return null;
  if (existing.record.requestFingerprint !== fingerprint) {
    throw new DomainError("idempotency-key-reused", "This Idempotency-Key was already used with a different request.");
  }
  return existing.record;
}

interface Judged {
  id: string;
  requester: VettedRequester;
  idempotencyKey: string;
  fingerprint: string;
  body: DemandBody;
}

async function judge(deps: SubmitDemandDeps, input: Judged): Promise<Omit<DemandRecord, "document">> {
  const accounts = await deps.directory.findAccounts(input.body.targets);
  const tenantIds = accounts.flatMap((a) => (a === null ? [] : [a.tenantId]));
  const tenants = await deps.directory.getTenants(tenantIds);
  const now = deps.now().toISOString();
  const decision = evaluateDemand(input.body, {
    now,
    servedVia: "portal",
    requester: input.requester,
    provider: { legalNames: deps.providerLegalNames },
    targets: classifyTargets(input.body.targets, accounts, tenants),
    limits: deps.limits,
    agreements: deps.agreements,
  });
  const base = {
    id: input.id,
    requesterId: input.requester.id,
    vettedRequester: { name: input.requester.name, country: input.requester.country },
    idempotencyKey: input.idempotencyKey,
    requestFingerprint: input.fingerprint,
    servedVia: "portal" as const,
    receivedAt: now,
    body: input.body,
    owners: ownersOf(joinTargets(input.body.targets, accounts, tenants)),
    reviewRounds: [],
    secrecyOrders: input.body.secrecyOrder === undefined ? [] : [{ order: input.body.secrecyOrder, addedAt: now, lifted: false }],
  };
  const received: TimelineEntry = { at: now, step: "received", detail: `Served through the portal; process ${input.body.legalProcess.reference}.` };
  if (decision.decision === "reject") {
    return {
      ...base,
      status: "rejected",
      outcome: "rejected",
      rejection: decision.findings,
      timeline: [received, { at: now, step: "rejected", detail: decision.findings.map((f) => f.reason).join(", ") }],
    };
  }
  const refused = decision.plan.refusedCategories.map((f) => f.category).filter((c) => c !== undefined);
  return {
    ...base,
    status: "received",
    plan: decision.plan,
    timeline: [
      received,
      {
        at: now,
        step: "validated",
        detail: refused.length === 0 ? "All requested categories are supported by the order." : `Refused categories: ${refused.join(", ")}.`,
      },
    ],
  };
}
