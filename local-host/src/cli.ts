import { startHost } from "./host";
import type { HostOptions } from "./host-options";

const usage = `Usage: node dist/local-host/src/cli.js --app <dir> [--port 7071] [--host 127.0.0.1] [--state <dir>]
       [--admin] [--activity-concurrency 10] [--function-key <key>]... [--admin-key <key>]...`;

function parseArgs(argv: string[]): HostOptions {
  const options: HostOptions = { appDir: "." };
  const functionKeys: string[] = [];
  const adminKeys: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = (): string => {
      const next = argv[++i];
      if (next === undefined) throw new Error(`${arg} needs a value\n${usage}`);
      return next;
    };
    switch (arg) {
      case "--app":
        options.appDir = value();
        break;
      case "--port":
        options.port = Number(value());
        break;
      case "--host":
        options.hostname = value();
        break;
      case "--state":
        options.stateDir = value();
        break;
      case "--admin":
        options.adminEnabled = true;
        break;
      case "--activity-concurrency":
        options.activityConcurrency = Number(value());
        break;
      case "--function-key":
        functionKeys.push(value());
        break;
      case "--admin-key":
        adminKeys.push(value());
        break;
      case "--help":
        console.log(usage);
        process.exit(0);
        break;
      default:
        throw new Error(`Unknown argument ${arg}\n${usage}`);
    }
  }
  if (functionKeys.length > 0) options.functionKeys = functionKeys;
  if (adminKeys.length > 0) options.adminKeys = adminKeys;
  if (process.env.LOCAL_HOST_ADMIN === "1") options.adminEnabled = true;
  return options;
}

async function main(): Promise<void> {
  const host = await startHost(parseArgs(process.argv.slice(2)));
  console.log(`LOCAL_HOST_READY ${host.url}`);
  const stop = (): void => {
    host.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(error);
        process.exit(1);
      },
    );
  };
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
