// azd preprovision hook: gives the azd environment a REVIEW_TOKEN_KEY (base64 of 32 random bytes) once.
// Bicep writes it to Key Vault; the app reads it through a Key Vault reference. Re-running keeps the key,
// so review links already mailed keep working across `azd provision`.
import { randomBytes } from "node:crypto";
import { execFileSync } from "node:child_process";

const existing = process.env.REVIEW_TOKEN_KEY ?? "";
if (Buffer.from(existing, "base64").length >= 32) {
  console.log("REVIEW_TOKEN_KEY already set for this azd environment; keeping it.");
} else {
  execFileSync("azd", ["env", "set", "REVIEW_TOKEN_KEY", randomBytes(32).toString("base64")], {
    stdio: ["ignore", "ignore", "inherit"],
    // azd is azd.exe on Windows: let the shell find it.
    shell: process.platform === "win32",
  });
  console.log("REVIEW_TOKEN_KEY generated for this azd environment.");
}
