import { parseArgs } from "node:util";
import { DataCategory } from "../shared/domain/enums";
import { checkCollector } from "./collector-conformance";

/** npm run check:collector -- <url> --account <id> [--category c] [--from d] [--to d] [--token t]: checks a collector against the contract. */
async function main(): Promise<void> {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: {
      account: { type: "string" },
      category: { type: "string", default: "subscriber_info" },
      from: { type: "string", default: "2000-01-01" },
      to: { type: "string", default: new Date().toISOString().slice(0, 10) },
      token: { type: "string" },
      "max-items": { type: "string", default: "20" },
    },
  });
  const [baseUrl] = positionals;
  const category = DataCategory.safeParse(values.category);
  if (baseUrl === undefined || values.account === undefined || !category.success) {
    console.error("usage: npm run check:collector -- <collector base URL> --account <account id with data> [--category subscriber_info] [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--token <bearer token>]");
    process.exit(2);
  }
  const token = values.token ?? process.env.COLLECTOR_TOKEN;
  const results = await checkCollector({ baseUrl, account: values.account, category: category.data, from: values.from, to: values.to, maxItems: Number(values["max-items"]), ...(token === undefined ? {} : { token }) });
  for (const r of results) console.log(`${r.ok ? "ok" : "not ok"} - ${r.name}${r.detail === undefined ? "" : ` (${r.detail})`}`);
  const failed = results.filter((r) => !r.ok).length;
  console.log(failed === 0 ? `the collector conforms (${results.length} checks)` : `${failed} of ${results.length} checks failed`);
  process.exit(failed === 0 ? 0 : 1);
}

void main();
