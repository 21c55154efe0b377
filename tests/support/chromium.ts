import { existsSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { chromium, type Browser } from "playwright-core";

/** Debian's Chromium, used when installed. */
export const DEBIAN_CHROMIUM = "/usr/bin/chromium";

const DROPPED = new Set(["--single-process", "--disable-web-security", "--allow-running-insecure-content"]);

/**
 * Launches a headless Chromium without ever downloading one: Debian's when present, otherwise the build that
 * `@sparticuz/chromium` ships inside its npm package (unpacked to the temp folder on first use).
 */
export async function launchChromium(): Promise<Browser> {
  if (existsSync(DEBIAN_CHROMIUM)) {
    return chromium.launch({
      executablePath: DEBIAN_CHROMIUM,
      args: [
        "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
        `--user-data-dir=${mkdtempSync(path.join(tmpdir(), "chromium-profile-"))}`,
      ],
    });
  }
  const packaged = (await import("@sparticuz/chromium")).default;
  // Its serverless defaults are dropped where they would change what the tests see: one process (closing the last
  // page would end the browser) and relaxed web security.
  const args = packaged.args.filter((arg) => !DROPPED.has(arg));
  return chromium.launch({ executablePath: await packaged.executablePath(), args, headless: true });
}
