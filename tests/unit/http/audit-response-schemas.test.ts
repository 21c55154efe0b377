import { describe, expect, it } from "vitest";
import type { AuditTrailView } from "../../../shared/audit/audit-trail-view";
import { verifyCheckpointChain } from "../../../shared/audit/checkpoint-chain";
import { verifyExportedChain } from "../../../shared/audit/exported-chain";
import { verifyChain } from "../../../shared/audit/verify-chain";
import { AuditTrailSchema, ChainReportSchema } from "../../../shared/http/api-schemas";

// What the handlers answer (functions/handlers/audit-trail-handlers.ts), as a client receives it, against the schemas the
// OpenAPI document gives for those answers.
const asSent = (value: unknown): unknown => JSON.parse(JSON.stringify(value));

describe("the documented audit answers", () => {
  it("GET /api/demands/{id}/audit: the schema accepts the answer, checkpoint chain included", () => {
    const view: AuditTrailView = { demandId: "dmd-1", entries: [], verification: verifyChain([], "dmd-1"), checkpoints: [], checkpointChain: verifyCheckpointChain([], "") };
    const parsed = AuditTrailSchema.safeParse(asSent(view));
    expect(parsed.error?.issues ?? []).toEqual([]);
    expect(parsed.data).toHaveProperty("checkpointChain");
  });

  it("POST /api/audit/verify: the schema accepts each of its three answers (stored chain, exported chain, checkpoints)", () => {
    const stored = { demandId: "dmd-1", length: 0, verification: verifyChain([], "dmd-1"), checkpoints: [], checkpointChain: verifyCheckpointChain([], "") };
    const exported = verifyExportedChain({ demandId: "dmd-1", entries: [] });
    const checkpoints = verifyCheckpointChain([], "");
    for (const [name, answer] of Object.entries({ stored, exported, checkpoints })) {
      expect(ChainReportSchema.safeParse(asSent(answer)).error?.issues ?? [], name).toEqual([]);
    }
  });
});
