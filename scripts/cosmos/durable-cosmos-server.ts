import { createRequire } from "node:module";
import { parseArgs } from "node:util";
import { exitWithParent } from "../parent-watch";
import { CosmosJournal, type AccountLike } from "./cosmos-journal";
import { scopeQueriesToPartitions } from "./partition-scoped-queries";

// The local Cosmos DB stand-in as a child process of npm start and the tests: @vercel/cosmosdb-server over HTTP, made
// durable by CosmosJournal when --data-dir is given (in memory otherwise), ending when its parent does.
const load = createRequire(__filename);

function main(): void {
  const { values } = parseArgs({ options: { port: { type: "string" }, host: { type: "string", default: "127.0.0.1" }, "data-dir": { type: "string" } } });
  exitWithParent(() => process.exit(0));

  // The server makes its account when it starts listening and keeps it to itself: catch it as it is made.
  const accountModule = load("@vercel/cosmosdb-server/lib/account") as { default: new (host: string, port: number) => AccountLike };
  let account: AccountLike | undefined;
  const Account = accountModule.default;
  accountModule.default = class extends (Account as unknown as new (host: string, port: number) => object) {
    constructor(host: string, port: number) {
      super(host, port);
      account = this as unknown as AccountLike;
    }
  } as unknown as typeof Account;

  const { createHttpServer } = load("@vercel/cosmosdb-server") as typeof import("@vercel/cosmosdb-server");
  // keepAlive: the server otherwise answers "connection: close", and every SDK call pays a new TCP connection.
  const server = createHttpServer({ keepAlive: true });
  scopeQueriesToPartitions(server, load);
  let journal: CosmosJournal | undefined;
  // Every reply waits until the changes made so far are on disk.
  server.prependListener("request", (_req, res) => {
    const end = res.end.bind(res) as (...args: unknown[]) => unknown;
    res.end = ((...args: unknown[]) => {
      try {
        journal?.flush();
      } catch (error) {
        console.error(`cosmos journal: cannot write (${(error as Error).message}); stopping rather than acknowledge a lost write`);
        process.exit(1);
      }
      return end(...args);
    }) as typeof res.end;
  });
  server.listen(Number(values.port ?? 0), values.host, () => {
    if (values["data-dir"] !== undefined) journal = CosmosJournal.attach(values["data-dir"], account!);
    const address = server.address();
    const port = typeof address === "object" && address !== null ? address.port : 0;
    console.log(`Ready to accept HTTP connections at ${values.host}:${port}${journal ? ` (durable in ${values["data-dir"]})` : " (in memory)"}`);
  });
}

main();
