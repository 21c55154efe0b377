import { CollectorPage, type CollectorItem } from "../shared/adapters/http/collector-contract";
import { isIsoDay } from "../shared/collection/data-layout";
import type { DataCategory } from "../shared/domain/enums";
import { findItemPathProblem } from "../shared/package/item-path";

/** What to check a collector with: an account the provider knows to have data, and a range. */
export interface ConformanceTarget {
  baseUrl: string;
  account: string;
  category: DataCategory;
  from: string;
  to: string;
  /** The bearer token to send; without one, the 401 check is skipped. */
  token?: string;
  /** At most this many items' bytes are read. */
  maxItems?: number;
}

/** One check's verdict. */
export interface CheckResult {
  name: string;
  ok: boolean;
  detail?: string;
}

/** Runs the contract checks of docs/collector-openapi.yaml against a live collector; never throws for a failed check. */
export async function checkCollector(target: ConformanceTarget): Promise<CheckResult[]> {
  const results: CheckResult[] = [];
  const check = async (name: string, body: () => Promise<string | undefined>) => {
    try {
      const detail = await body();
      results.push({ name, ok: true, ...(detail === undefined ? {} : { detail }) });
    } catch (error) {
      results.push({ name, ok: false, detail: error instanceof Error ? error.message : String(error) });
    }
  };
  const headers: Record<string, string> = target.token === undefined ? {} : { authorization: `Bearer ${target.token}` };
  const url = (path: string, params: Record<string, string>) => {
    const u = new URL(`v1/${path}`, target.baseUrl.endsWith("/") ? target.baseUrl : `${target.baseUrl}/`);
    for (const [k, v] of Object.entries(params)) u.searchParams.set(k, v);
    return u;
  };
  const query = { account: target.account, category: target.category, from: target.from, to: target.to };
  let all: CollectorItem[] = [];

  await check("lists the items of an account, category and range as the contract's pages", async () => {
    all = await listPaged(url, query, headers, 1000);
    return `${all.length} items`;
  });
  await check("lists only items dated within the range, with safe names and unique ids", async () => {
    const ids = new Set<string>();
    for (const item of all) {
      if (!isIsoDay(item.date) || item.date < target.from || item.date > target.to) throw new Error(`item ${item.id} is dated ${item.date}, outside ${target.from}..${target.to}`);
      const problem = findItemPathProblem(item.name);
      if (problem !== undefined) throw new Error(`item ${item.id} has an unsafe name: ${problem}`);
      if (ids.has(item.id)) throw new Error(`item ${item.id} is listed twice`);
      ids.add(item.id);
    }
    return undefined;
  });
  await check("pages with pageSize=1 give the same items in the same order", async () => {
    const paged = await listPaged(url, query, headers, 1);
    if (JSON.stringify(paged.map((i) => i.id)) !== JSON.stringify(all.map((i) => i.id))) throw new Error(`paging gave ${paged.length} items, one page gave ${all.length}, or another order`);
    return undefined;
  });
  await check("a range that ends on the first item's day lists nothing dated later", async () => {
    const first = all[0];
    if (first === undefined) return "skipped: no items to compare";
    const before = await listPaged(url, { ...query, to: first.date }, headers, 1000);
    if (before.some((i) => i.date > first.date)) throw new Error("items after 'to' were listed");
    return undefined;
  });
  await check("streams each item with exactly its listed size", async () => {
    for (const item of all.slice(0, target.maxItems ?? 20)) {
      const response = await fetch(url("items/content", { account: target.account, category: target.category, id: item.id }), { headers });
      if (response.status !== 200) throw new Error(`item ${item.id}: status ${response.status}`);
      const bytes = Buffer.from(await response.arrayBuffer());
      if (bytes.length !== item.size) throw new Error(`item ${item.id}: ${bytes.length} bytes, listed as ${item.size}`);
    }
    return `${Math.min(all.length, target.maxItems ?? 20)} items read`;
  });
  await check("answers 404 problem+json for an unknown item", async () => {
    await expectProblem(await fetch(url("items/content", { account: target.account, category: target.category, id: "no-such-item-id" }), { headers }), 404);
    return undefined;
  });
  await check("answers 400 problem+json for a range that ends before it starts, and for an unknown category", async () => {
    await expectProblem(await fetch(url("items", { ...query, from: target.to, to: "1999-01-01" }), { headers }), 400);
    await expectProblem(await fetch(url("items", { ...query, category: "everything" }), { headers }), 400);
    return undefined;
  });
  await check("answers 401 without a bearer token", async () => {
    if (target.token === undefined) return "skipped: no token given";
    await expectProblem(await fetch(url("items", query)), 401);
    return undefined;
  });
  return results;
}

async function listPaged(url: (path: string, params: Record<string, string>) => URL, query: Record<string, string>, headers: Record<string, string>, pageSize: number): Promise<CollectorItem[]> {
  const items: CollectorItem[] = [];
  let token: string | undefined;
  for (let pages = 0; pages < 100_000; pages += 1) {
    const response = await fetch(url("items", { ...query, pageSize: String(pageSize), ...(token === undefined ? {} : { pageToken: token }) }), { headers });
    if (response.status !== 200) throw new Error(`GET /v1/items answered ${response.status}`);
    const parsed = CollectorPage.safeParse(await response.json());
    if (!parsed.success) throw new Error(`a page does not match the contract: ${parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`);
    if (parsed.data.items.length > pageSize) throw new Error(`a page has ${parsed.data.items.length} items, more than pageSize ${pageSize}`);
    items.push(...parsed.data.items);
    token = parsed.data.nextPageToken;
    if (token === undefined) return items;
  }
  throw new Error("paging did not end");
}

async function expectProblem(response: Response, status: number): Promise<void> {
  if (response.status !== status) throw new Error(`expected ${status}, got ${response.status}`);
  const type = (response.headers.get("content-type") ?? "").split(";")[0];
  if (type !== "application/problem+json") throw new Error(`expected application/problem+json, got ${type ?? "nothing"}`);
  await response.body?.cancel();
}
