import { DomainError } from "../errors/domain-error";
import type { ReportPublisher, TransparencyStore } from "../ports/transparency-store";
import { buildTransparencyReport } from "./build-report";
import type { DemandStore } from "../ports/demand-store";
import { nationalSecurityReleaseDate, nextPeriod, periodBounds, type ReportPeriod } from "./period";
import { renderReportCsv } from "./render-csv";
import { renderReportHtml } from "./render-html";
import type { TransparencyReport } from "./report-model";

/** What publishing needs. */
export interface PublishReportsDeps {
  transparency: TransparencyStore;
  publisher: ReportPublisher;
  /** The first half-year the service reports on. */
  firstPeriod: ReportPeriod;
  /** Counts the demands of a half-year still awaiting their outcome. */
  demands: Pick<DemandStore, "countPending">;
}

/** Publishing a period was refused because the counters are being rebuilt (or a rebuild did not finish); names the period. */
export class PublishRefused extends DomainError {
  constructor(readonly period: ReportPeriod) {
    super("conflict", `The transparency counters are being rebuilt (or a rebuild did not finish): the report of ${period} is published once a rebuild completes.`);
  }
}

/** The files of one period's report: path, body and content type. */
export function reportFiles(report: TransparencyReport): { path: string; body: string; contentType: string }[] {
  return [
    { path: `${report.period}/report.json`, body: `${JSON.stringify(report, null, 2)}\n`, contentType: "application/json" },
    { path: `${report.period}/report.csv`, body: renderReportCsv(report), contentType: "text/csv; charset=utf-8" },
    { path: `${report.period}/report.html`, body: renderReportHtml(report), contentType: "text/html; charset=utf-8" },
  ];
}

/**
 * Publishes, once each, the reports of every half-year from `firstPeriod` whose national-security figures
 * may be released (six months after it ended), so a published report is complete and never rewritten.
 * Files that exist are skipped; returns the paths written. Refuses (conflict) while the counters are being rebuilt.
 */
export async function publishClosedReports(deps: PublishReportsDeps, today: string): Promise<string[]> {
  const written: string[] = [];
  for (let period = deps.firstPeriod; nationalSecurityReleaseDate(period) <= today; period = nextPeriod(period)) {
    // The JSON is written first; once it exists, the other files are rendered from it, so a run that died between two
    // files cannot leave them with figures that moved since (a demand counted meanwhile, another day).
    const published = await deps.publisher.read(`${period}/report.json`);
    const report = published === null ? await buildReport(deps, period, today) : (JSON.parse(published) as TransparencyReport);
    for (const file of reportFiles(report)) {
      if (await deps.publisher.publishIfAbsent(file.path, file.body, file.contentType)) written.push(file.path);
    }
  }
  return written;
}

async function buildReport(deps: PublishReportsDeps, period: ReportPeriod, today: string): Promise<TransparencyReport> {
  const bounds = periodBounds(period);
  const pending = await deps.demands.countPending(`${bounds.start}T00:00:00.000Z`, `${bounds.endExclusive}T00:00:00.000Z`);
  // A report is published once and never rewritten: its cells must not be read while a rebuild replaces them one by
  // one, nor after one died half-way. Checked before and after the read, so a rebuild starting meanwhile is seen too.
  const before = await deps.transparency.rebuildState();
  const cells = await deps.transparency.listCells(period);
  const after = await deps.transparency.rebuildState();
  if (before.started !== before.completed || after.started !== before.started) {
    throw new PublishRefused(period);
  }
  return buildTransparencyReport(cells, period, today, pending);
}
