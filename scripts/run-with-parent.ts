import path from "node:path";
import { makeAzuriteRepliesDurable } from "./azurite-durable";
import { exitWithParent } from "./parent-watch";

// Runs a Node program (Azurite, maildev) in this process, ending it gracefully (SIGTERM, so Azurite saves its
// metadata) when the parent's stdin pipe closes, and for good 10 s later. Usage: run-with-parent <script.js> [args...]
const [script, ...args] = process.argv.slice(2);
if (script === undefined) throw new Error("usage: run-with-parent <script.js> [args...]");
exitWithParent(() => {
  // The parent held the other end of stdout and stderr: a write there now fails (EPIPE) and would end the program
  // before it saved its state, so its goodbye messages go nowhere.
  for (const stream of [process.stdout, process.stderr]) {
    stream.on("error", () => undefined);
    stream.write = (() => true) as typeof stream.write;
  }
  setTimeout(() => process.exit(0), 10_000).unref();
  process.kill(process.pid, "SIGTERM");
});
if (path.basename(script) === "azurite.js") makeAzuriteRepliesDurable(path.resolve(script));
process.argv = [process.argv[0]!, path.resolve(script), ...args];
// eslint-disable-next-line @typescript-eslint/no-require-imports
require(path.resolve(script));
