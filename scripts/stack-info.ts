import { readFileSync } from "node:fs";
import { localDir, localPaths } from "./local-state";

/** What a running npm start tells its clients (npm run demo): where it is, the demo requester's credential, the admin key. */
export interface StackInfo {
  apiUrl: string;
  mailUrl: string;
  credential: string;
  /** The demo staff accounts' password on the local OpenID provider. */
  staffPassword: string;
  adminKey: string;
}

/** Reads the running stack's info from the local state folder (written by npm start, mode 0600). */
export function readStackInfo(dir: string = localDir()): StackInfo {
  const paths = localPaths(dir);
  let stack: Omit<StackInfo, "adminKey">;
  try {
    stack = JSON.parse(readFileSync(paths.stack, "utf8")) as Omit<StackInfo, "adminKey">;
  } catch {
    throw new Error(`no running stack found (${paths.stack}); start one with npm start`);
  }
  return { ...stack, adminKey: readFileSync(paths.adminKey, "utf8").trim() };
}
