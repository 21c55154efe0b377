import { readFileSync } from "node:fs";

/**
 * For a child process started with a stdin pipe: calls `onParentGone` when that pipe closes, which the OS does when
 * the parent ends however it ends (a SIGKILL included), so no child outlives the process that started it.
 */
export function exitWithParent(onParentGone: () => void): void {
  process.stdin.on("end", onParentGone);
  process.stdin.on("close", onParentGone);
  process.stdin.on("error", onParentGone);
  process.stdin.resume();
}

/**
 * Calls `onGone` once when the process that started this one ends: the parent, and under npm every process up to npm
 * itself (npm starts scripts through a shell, which outlives a SIGKILL of npm). Polls twice a second; Linux /proc is
 * read to find npm, elsewhere only the parent is watched.
 */
export function watchAncestors(onGone: () => void, intervalMs = 500): () => void {
  const parent = process.ppid;
  const watched = process.env.npm_lifecycle_event === undefined ? [parent] : ancestorsUpToNpm(parent);
  const timer = setInterval(() => {
    if (process.ppid !== parent || !watched.every(isAlive)) {
      clearInterval(timer);
      onGone();
    }
  }, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}

function ancestorsUpToNpm(parent: number): number[] {
  const chain: number[] = [];
  for (let pid = parent; pid > 1 && chain.length < 8; pid = parentOf(pid) ?? 0) {
    chain.push(pid);
    // npm sets its process title ("npm start"), which replaces its command line.
    if (/(^|\/)npm(-cli\.js)?(\0| |$)/.test(commandLine(pid))) return chain;
  }
  return [parent];
}

function parentOf(pid: number): number | undefined {
  try {
    // /proc/<pid>/stat: "pid (comm) state ppid ..."; comm may hold spaces, so read after the last ")".
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    return Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
  } catch {
    return undefined;
  }
}

function commandLine(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, "utf8");
  } catch {
    return "";
  }
}

/** Whether a process with this id exists (EPERM: it does, owned by someone else). */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}
