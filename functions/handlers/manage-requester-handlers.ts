import { RequesterStatus, VetRequesterInput } from "../../shared/domain/requester";
import { DomainError } from "../../shared/errors/domain-error";
import { parseBody, readJsonBody } from "../../shared/http/read-json-body";
import type { RequesterRegistry } from "../../shared/ports/requester-registry";
import { getRequesterProfile, rotateCredential, setRequesterStatus, vetRequester } from "../../shared/use-cases/manage-requesters";
import { IDEMPOTENCY_KEY } from "./submit-demand-handler";
import { withProblems, type HttpHandler } from "./with-problems";

/** What the requester administration endpoints need. */
export interface ManageRequesterDeps {
  requesters: RequesterRegistry;
  now: () => Date;
}

// A Map, not an object literal: a route value such as "toString" or "__proto__" must not find an Object.prototype member.
const ACTION_STATUS: ReadonlyMap<string, RequesterStatus> = new Map([
  ["suspend", "suspended"],
  ["reinstate", "active"],
  ["revoke", "revoked"],
]);

/** POST /api/manage/requesters: vets a requester once per Idempotency-Key and shows its credential once (a retry replaces it). */
export function makeVetRequesterHandler(resolve: () => Promise<ManageRequesterDeps>): HttpHandler {
  return withProblems(async (request) => {
    const deps = await resolve();
    // Required, as for intake: without it a retried call could not be told from a second vetting (R1).
    const key = request.headers.get("idempotency-key");
    if (key === null || !IDEMPOTENCY_KEY.test(key)) {
      throw new DomainError("idempotency-key-missing", "An Idempotency-Key header of 8 to 128 characters (letters, digits, . _ : -) is required.", [
        { path: "Idempotency-Key", message: `must match ${IDEMPOTENCY_KEY.source}` },
      ]);
    }
    const { value } = await readJsonBody(request, 64 * 1024);
    const { replayed, ...created } = await vetRequester(deps.requesters, parseBody(VetRequesterInput, value), deps.now(), key);
    return { status: replayed ? 200 : 201, headers: { "cache-control": "no-store" }, jsonBody: created };
  });
}

/** GET /api/manage/requesters/{id}: a requester's profile (no credential material). */
export function makeGetRequesterHandler(resolve: () => Promise<ManageRequesterDeps>): HttpHandler {
  return withProblems(async (request) => {
    const deps = await resolve();
    return { status: 200, jsonBody: await getRequesterProfile(deps.requesters, request.params.id ?? "") };
  });
}

/** POST /api/manage/requesters/{id}/{action}: suspend, reinstate, revoke, or rotate-credential. */
export function makeRequesterActionHandler(resolve: () => Promise<ManageRequesterDeps>): HttpHandler {
  return withProblems(async (request) => {
    const deps = await resolve();
    const id = request.params.id ?? "";
    const action = request.params.action ?? "";
    if (action === "rotate-credential") {
      return { status: 200, headers: { "cache-control": "no-store" }, jsonBody: await rotateCredential(deps.requesters, id, deps.now()) };
    }
    const status = ACTION_STATUS.get(action);
    if (status === undefined) throw new DomainError("not-found", "Unknown action: use suspend, reinstate, revoke or rotate-credential.");
    return { status: 200, jsonBody: await setRequesterStatus(deps.requesters, id, status, deps.now()) };
  });
}
