import type { DemandRecord } from "../../domain/demand-record";
import { classifyTargets } from "../../domain/classify-targets";
import type { ConflictOfLaws } from "../../domain/policy/policy-decision";
import type { ClassifiedTarget } from "../../domain/tenant";
import type { CustomerDataSource } from "../../ports/customer-data-source";
import type { CustomerDirectory } from "../../ports/customer-directory";
import type { PriorDemandCount, PriorDemands } from "../../ports/prior-demands";
import type { RequesterRegistry } from "../../ports/requester-registry";
import type { ReviewKind } from "../review-kind";
import type { ReviewScope } from "../review-round-state";
import { readableDateTime, readableDay } from "./readable-time";
import { secrecyEntries } from "../../domain/lifecycle/decider/secrecy-entries";
import { secrecyInForce } from "../../domain/lifecycle/decider/secrecy-in-force";
import { reviewDocumentPath, reviewDocuments } from "./review-documents";
import { previewScope, type ScopePreview } from "./scope-preview";

/** What gathering the evidence reads (listing only: nothing is collected or opened). */
export interface EvidenceDeps {
  directory: CustomerDirectory;
  dataSource: CustomerDataSource;
  requesters: RequesterRegistry;
  /** Prior demands naming the same identifiers (count and outcomes); absent where no store answers. */
  priorDemands?: PriorDemands;
  now: () => Date;
}

/** One of the demand's identifiers by value, with what the directory knows. */
export interface IdentifierEvidence extends ClassifiedTarget {
  index: number;
  tenantName?: string;
}

/** One secrecy order on the demand, live (every filing, not only what intake carried). */
export interface SecrecyOrderEvidence {
  reference: string;
  court: string;
  issuedOn: string;
  expires: string;
  lifted: boolean;
  filedAt: string;
  documentPath?: string;
  sha256?: string;
  confirmation: string;
}

/** Everything a reviewer decides on, beyond the summary. */
export interface ReviewEvidence {
  /** What the round decides: the preview reads as what would leave, or (at a secrecy order's end) what already left. */
  kind?: ReviewKind;
  documents: { id: string; label: string; path: string; sha256: string }[];
  identifiers: IdentifierEvidence[];
  preview: ScopePreview;
  secrecy: { orders: SecrecyOrderEvidence[]; latestExpiry: string | null };
  /** The registry's entry now; `atIntake` ("Name (CC)") only where it has changed since the demand section's vetted requester. */
  requester: { found: boolean; name?: string; status?: string; vettedAt?: string; country?: string; emergencyCallbackNumber?: string; atIntake?: string };
  conflictOfLaws: ConflictOfLaws | null;
  deadlines: { label: string; when: string }[];
  prior: PriorDemandCount | null;
}

/** Gathers the evidence of a demand for a round, previewing `scope` (the scope under review, or as narrowed on the form). */
export async function gatherEvidence(deps: EvidenceDeps, record: DemandRecord, round: { name: string; kind?: ReviewKind; deadline?: string }, scope: ReviewScope): Promise<ReviewEvidence> {
  const targets = record.body.targets;
  const mappings = await deps.directory.findAccounts(targets);
  const tenants = await deps.directory.getTenants([...new Set(mappings.flatMap((m) => (m === null ? [] : [m.tenantId])))]);
  const identifiers = classifyTargets(targets, mappings, tenants).map((t, index) => ({
    ...t,
    index,
    ...(t.tenantId === undefined || tenants.get(t.tenantId) === undefined ? {} : { tenantName: tenants.get(t.tenantId)!.name }),
  }));
  const kept = scope.targets.flatMap((i) => (targets[i] === undefined ? [] : [targets[i]]));
  const to = scope.dateRange.to ?? deps.now().toISOString().slice(0, 10);
  const [preview, requester, prior] = await Promise.all([
    previewScope(deps, { targets: kept, categories: scope.categories, dateRange: { from: scope.dateRange.from, to } }),
    deps.requesters.get(record.requesterId),
    deps.priorDemands?.forTargets(targets, record.id) ?? Promise.resolve(null),
  ]);
  const documents = reviewDocuments(record).map((d) => ({ id: d.id, label: d.label, sha256: d.sha256, path: reviewDocumentPath(record.id, d.id, round.name) }));
  return {
    ...(round.kind === undefined ? {} : { kind: round.kind }),
    documents,
    identifiers,
    preview,
    secrecy: secrecyState(record, documents, deps.now()),
    requester:
      requester === null
        ? { found: false }
        : {
            found: true,
            name: requester.name,
            status: requester.status,
            vettedAt: readableDateTime(requester.vettedAt),
            country: requester.country,
            ...renamedSinceIntake(record, requester),
            ...(requester.emergencyCallbackNumber === undefined ? {} : { emergencyCallbackNumber: requester.emergencyCallbackNumber }),
          },
    conflictOfLaws: record.plan?.conflictOfLaws ?? null,
    deadlines: deadlines(record, round.deadline, round.kind),
    prior,
  };
}

/** The vetted requester intake recorded, where the registry has renamed or moved it since: the demand section names it. */
function renamedSinceIntake(record: DemandRecord, now: { name: string; country: string }): { atIntake?: string } {
  const vetted = record.vettedRequester;
  if (vetted === undefined || (vetted.name === now.name && vetted.country === now.country)) return {};
  return { atIntake: `${vetted.name} (${vetted.country})` };
}

function secrecyState(record: DemandRecord, documents: ReviewEvidence["documents"], now: Date): ReviewEvidence["secrecy"] {
  const orders = record.secrecyOrders.map((entry, index): SecrecyOrderEvidence => {
    const document = documents.find((d) => d.id === `secrecy-${index}`);
    // An order carried at intake is in the legal process document; one filed later comes with its own.
    const atIntake = entry.documentSha256 === undefined;
    return {
      reference: entry.order.reference,
      court: entry.order.issuingCourt,
      issuedOn: entry.order.issuedOn,
      expires: entry.order.expiresOn === undefined ? "no end date" : readableDay(entry.order.expiresOn),
      lifted: entry.lifted,
      filedAt: readableDateTime(entry.addedAt),
      ...(document === undefined ? {} : { documentPath: document.path, sha256: document.sha256 }),
      confirmation: atIntake
        ? "carried with the demand at intake"
        : entry.confirmedAt !== undefined
          ? `confirmed by a reviewer on ${readableDateTime(entry.confirmedAt)}`
          : entry.ruling === "refused"
            ? "refused by a reviewer: it restrains no notice"
            : "not confirmed by a reviewer: awaiting a ruling, it restrains no notice unless confirmed",
    };
  });
  // The orders in force as the lifecycle reads them (R5, R9): not one refused or still awaiting a reviewer's ruling.
  const effective = secrecyInForce(secrecyEntries(record.secrecyOrders), now.getTime());
  const latestExpiry = effective.kind === "none" ? null : effective.kind === "indefinite" ? "no end date" : readableDay(effective.date);
  return { orders, latestExpiry };
}

function deadlines(record: DemandRecord, roundDeadline: string | undefined, kind: ReviewKind | undefined): { label: string; when: string }[] {
  const list: { label: string; when: string }[] = [{ label: "Demand received", when: readableDateTime(record.receivedAt) }];
  if (roundDeadline !== undefined) {
    // An expiry round does not escalate: when the order ends the delayed notice goes out unless a reviewer withheld it.
    const label = kind === "secrecy_expiry" ? "The order ends: the delayed notice goes out to the customer unless a reviewer withholds it" : "This round escalates";
    list.push({ label, when: readableDateTime(roundDeadline) });
  }
  const emergencyMinutes = record.plan?.emergency?.reviewDeadlineMinutes;
  if (emergencyMinutes !== undefined) {
    list.push({ label: "Emergency review deadline", when: readableDateTime(new Date(Date.parse(record.receivedAt) + emergencyMinutes * 60_000).toISOString()) });
  }
  const expires = record.body.legalProcess.expiresOn;
  if (expires !== undefined) list.push({ label: "The legal process expires", when: readableDay(expires) });
  return list;
}
