import type { ChildProcess } from "node:child_process";

/** Resolves with the URL a local host child prints when it is ready (LOCAL_HOST_READY <url>); rejects if it exits or is silent too long. */
export function hostReady(child: ChildProcess, timeoutMs: number): Promise<string> {
  return new Promise<string>((resolve, reject) => {
    let output = "";
    const timer = setTimeout(() => reject(new Error(`host did not start:\n${output}`)), timeoutMs);
    const onExit = (code: number | null) => reject(new Error(`host exited ${String(code)}:\n${output}`));
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /LOCAL_HOST_READY (\S+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        child.off("exit", onExit);
        resolve(match[1]!);
      }
    };
    child.stdout!.on("data", onData);
    child.stderr!.on("data", onData);
    child.once("exit", onExit);
  });
}
