import type { HttpResponseInit } from "@azure/functions";
import { DomainError } from "../../shared/errors/domain-error";
import type { TransparencyStore } from "../../shared/ports/transparency-store";
import { buildTransparencyReport } from "../../shared/transparency/build-report";
import { isPeriodClosed, periodBounds, ReportPeriod } from "../../shared/transparency/period";
import type { DemandStore } from "../../shared/ports/demand-store";
import { renderReportCsv } from "../../shared/transparency/render-csv";
import { renderReportHtml, REPORT_HTML_CSP } from "../../shared/transparency/render-html";
import { withProblems, type HttpHandler } from "./with-problems";

/** What the report endpoint needs. */
export interface TransparencyReportDeps {
  transparency: TransparencyStore;
  demands: Pick<DemandStore, "countPending">;
  now: () => Date;
}

const FORMATS = ["json", "csv", "html"] as const;

/** How long a period's pending count is reused. */
const PENDING_COUNT_TTL_MS = 60_000;
type Format = (typeof FORMATS)[number];

/**
 * GET /api/reports/transparency?period=2026-H1&format=json|csv|html (default json): the half-year's report,
 * built from its counter cells. 400 for a malformed period or format; 409 for a half-year that has not ended.
 */
export function makeTransparencyReportHandler(resolve: () => Promise<TransparencyReportDeps>): HttpHandler {
  // The pending figure is a count over the half-year's demands (O(demands)); anyone may GET the report, so it is counted
  // at most once a minute per period and instance, and each GET costs only the period's cells. Hand-written: one
  // figure per half-year, nothing a cache library would add.
  const pendingCounts = new Map<string, { at: number; pending: number }>();
  const pendingOf = async (deps: TransparencyReportDeps, period: string): Promise<number> => {
    const at = deps.now().getTime();
    const cached = pendingCounts.get(period);
    if (cached !== undefined && at - cached.at >= 0 && at - cached.at < PENDING_COUNT_TTL_MS) return cached.pending;
    const bounds = periodBounds(period);
    const pending = await deps.demands.countPending(`${bounds.start}T00:00:00.000Z`, `${bounds.endExclusive}T00:00:00.000Z`);
    pendingCounts.set(period, { at, pending });
    return pending;
  };
  return withProblems(async (request) => {
    const period = request.query.get("period") ?? "";
    const format = request.query.get("format") ?? "json";
    const parsed = ReportPeriod.safeParse(period);
    if (!parsed.success) {
      const message = parsed.error.issues[0]?.message ?? "must look like 2026-H1 or 2026-H2";
      throw new DomainError("validation-failed", "The period must be a half-year such as 2026-H1.", [{ path: "period", message }]);
    }
    if (!(FORMATS as readonly string[]).includes(format)) {
      throw new DomainError("validation-failed", "The format must be json, csv or html.", [{ path: "format", message: "must be json, csv or html" }]);
    }
    const deps = await resolve();
    const today = deps.now().toISOString().slice(0, 10);
    if (!isPeriodClosed(period, today)) throw new DomainError("invalid-state", `The half-year ${period} has not ended; its report is produced once it has.`);
    const report = buildTransparencyReport(await deps.transparency.listCells(period), period, today, await pendingOf(deps, period));
    return respond(format as Format, report);
  });
}

function respond(format: Format, report: ReturnType<typeof buildTransparencyReport>): HttpResponseInit {
  if (format === "json") return { status: 200, jsonBody: report };
  if (format === "csv") {
    return { status: 200, headers: { "content-type": "text/csv; charset=utf-8", "content-disposition": `attachment; filename="transparency-${report.period}.csv"` }, body: renderReportCsv(report) };
  }
  return {
    status: 200,
    headers: { "content-type": "text/html; charset=utf-8", "content-security-policy": REPORT_HTML_CSP, "x-content-type-options": "nosniff", "referrer-policy": "no-referrer" },
    body: renderReportHtml(report),
  };
}
