import { createHash } from "node:crypto";
import { z } from "zod";
import { DocumentUpload, SecrecyOrder } from "../domain/demand";
import type { DemandRecord } from "../domain/demand-record";
import { acceptsSecrecyOrder } from "../domain/policy/checks/check-form";
import { PROCESS_LABELS } from "../domain/policy/labels";
import { LifecycleEvent } from "../domain/lifecycle/lifecycle-events";
import { namesAnOrderOnFile } from "../domain/lifecycle/decider/secrecy-in-force";
import { secrecyEntries } from "../domain/lifecycle/decider/secrecy-entries";
import { secrecyOrderDateProblems } from "../domain/policy/checks/check-dates";
import { latestDateOf } from "../domain/policy/dates";
import { DomainError } from "../errors/domain-error";
import type { AuditLog } from "../ports/audit-log";
import type { DocumentStore } from "../ports/document-store";
import { readOwnDemand } from "./demand-status";
import { startIfReceived } from "./start-recorded-lifecycle";
import { decodePdf } from "./decode-pdf";
import { canonicalJson } from "./canonical-json";
import { updateDemand } from "./update-demand";
import type { RequesterActionDeps } from "./withdraw-demand";

/** The body of POST /api/demands/{id}/secrecy-orders: a new or extended order, or a lifting, each with the court's document (R9). */
export const SecrecyOrderFiling = z.discriminatedUnion("action", [
  z.strictObject({ action: z.literal("add"), order: SecrecyOrder, document: DocumentUpload }),
  z.strictObject({ action: z.literal("lift"), order: SecrecyOrder, document: DocumentUpload }),
]);
export type SecrecyOrderFiling = z.infer<typeof SecrecyOrderFiling>;

/** Records a secrecy order, an extension (a new order: no extension without one) or a lifting (the one filing a suspended requester may make), audits the filing (R12), and wakes the lifecycle. */
export async function fileSecrecyOrder(
  deps: RequesterActionDeps & { documents: DocumentStore; audit: AuditLog },
  requesterId: string,
  id: string,
  filing: SecrecyOrderFiling,
  options: { suspended?: boolean } = {},
): Promise<DemandRecord> {
  // A suspended requester may only lift (the customer is told sooner); a new order would silence a customer.
  if (options.suspended === true && filing.action !== "lift") throw new DomainError("requester-suspended", "This requester's portal access is suspended; it may only lift its secrecy orders.");
  const { record } = await readOwnDemand(deps.demands, requesterId, id);
  refuseIfClosed(record);
  // The order intake refuses with this process (e.g. an emergency, told after its disclosure) is refused when filed later too.
  const kind = record.body.legalProcess.kind;
  if (filing.action === "add" && !acceptsSecrecyOrder(kind)) throw new DomainError("invalid-state", `A secrecy order cannot accompany ${PROCESS_LABELS[kind]}.`);
  const dateProblems = secrecyOrderDateProblems(filing.order, latestDateOf(deps.now().toISOString()));
  if (dateProblems.length > 0) throw new DomainError("validation-failed", "The order's dates cannot be right.", dateProblems.map(({ field, message }) => ({ path: `order.${field}`, message })));
  // A lifting ends only the orders filed with its reference (decider/secrecy-in-force.ts): one naming none would be
  // accepted to end nothing, the requester believing the order lifted while the customer's notice stays delayed. Orders
  // are only appended, so one found on this read is still on file at the write below.
  if (filing.action === "lift" && !namesAnOrderOnFile(secrecyEntries(record.secrecyOrders), filing.order.reference)) {
    throw new DomainError("validation-failed", "A lifting must name the order it lifts.", [
      { path: "order.reference", message: `names no secrecy order filed on this demand (${filing.order.reference}); give the reference of the order lifted, exactly as it was filed` },
    ]);
  }
  const pdf = decodePdf(filing.document.contentBase64, "document.contentBase64");
  // The filing's audit entry follows the chain's receipt and verdict, and its wake-up needs a lifecycle to reach.
  await startIfReceived(deps, record);
  const sha256 = createHash("sha256").update(pdf).digest("hex");
  await deps.documents.put(`demands/${id}/secrecy/${sha256}.pdf`, pdf, "application/pdf");
  const at = deps.now().toISOString();
  const lifted = filing.action === "lift";
  // A filing identical to an earlier one (same action, order and document) is a retry of it, even with other filings
  // since (a client's queued retry): it is not filed again (a lifting filed again would end an order of the reference it
  // names filed since, one that re-imposed secrecy; an order filed again would come back after its lifting), but
  // its audit entry (keyed by the entry's position) and the lifecycle's wake-up are completed if a failure cut them short.
  const isRetryOf = (entry: DemandRecord["secrecyOrders"][number]) =>
    entry.lifted === lifted && entry.documentSha256 === sha256 && canonicalJson(entry.order) === canonicalJson(filing.order);
  // Checked again inside the conditional write: a demand closed since it was read above fails the write's etag, and the
  // retry reads it closed, so a filing is never added to a closed demand.
  const updated = await updateDemand(deps.demands, id, (r) => {
    refuseIfClosed(r);
    if (r.secrecyOrders.some(isRetryOf)) return null;
    return {
      ...r,
      secrecyOrders: [...r.secrecyOrders, { order: filing.order, documentSha256: sha256, addedAt: at, lifted }],
      timeline: [...r.timeline, { at, step: lifted ? "secrecy order lifted" : "secrecy order filed", detail: `Order ${filing.order.reference}.` }],
    };
  });
  const index = updated.secrecyOrders.findIndex(isRetryOf);
  await deps.audit.append(
    id,
    {
      at: updated.secrecyOrders[index]!.addedAt,
      actor: `requester:${requesterId}`,
      step: lifted ? "secrecy_order_lifted" : "secrecy_order_filed",
      detail: `order ${filing.order.reference} of ${filing.order.issuingCourt}, issued ${filing.order.issuedOn}, ${filing.order.expiresOn === undefined ? "no end date" : `last day in force ${filing.order.expiresOn}`}${options.suspended === true ? "; filed while the requester's portal access is suspended" : ""}`.slice(0, 2000),
      documentDigest: sha256,
    },
    { once: `${id}:audit:secrecy-order:${index}` },
  );
  await deps.lifecycle.raise(id, LifecycleEvent.secrecyOrderChanged, { changedAt: at });
  return updated;
}

function refuseIfClosed(record: DemandRecord): void {
  if (record.status === "closed" || record.status === "rejected") throw new DomainError("invalid-state", "The demand is closed.");
}
