import fs from "node:fs";
import path from "node:path";

/** Expands `{a,b}` brace lists (nested allowed) into every alternative pattern. */
export function expandBraces(pattern: string): string[] {
  const open = pattern.indexOf("{");
  if (open < 0) return [pattern];
  let depth = 0;
  let close = -1;
  const commas: number[] = [];
  for (let i = open; i < pattern.length; i++) {
    const ch = pattern[i];
    if (ch === "{") depth++;
    else if (ch === "}") {
      depth--;
      if (depth === 0) {
        close = i;
        break;
      }
    } else if (ch === "," && depth === 1) commas.push(i);
  }
  if (close < 0) return [pattern];
  const head = pattern.slice(0, open);
  const tail = pattern.slice(close + 1);
  const bounds = [open, ...commas, close];
  const out: string[] = [];
  for (let i = 0; i < bounds.length - 1; i++) {
    const alt = pattern.slice((bounds[i] ?? 0) + 1, bounds[i + 1]);
    for (const expanded of expandBraces(head + alt + tail)) out.push(expanded);
  }
  return out;
}

function segmentRegex(segment: string): RegExp {
  const body = segment
    .split("")
    .map((ch) => (ch === "*" ? "[^/]*" : ch === "?" ? "[^/]" : ch.replace(/[.+^${}()|[\]\\]/g, "\\$&")))
    .join("");
  return new RegExp(`^${body}$`);
}

function walk(dir: string, segments: string[], out: Set<string>): void {
  const [segment, ...rest] = segments;
  if (segment === undefined) {
    if (fs.existsSync(dir) && fs.statSync(dir).isFile()) out.add(dir);
    return;
  }
  if (!fs.existsSync(dir) || !fs.statSync(dir).isDirectory()) return;
  if (segment === "**") {
    walk(dir, rest, out);
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      if (entry.isDirectory() && entry.name !== "node_modules") walk(path.join(dir, entry.name), segments, out);
    }
    return;
  }
  if (!/[*?]/.test(segment)) {
    walk(path.join(dir, segment), rest, out);
    return;
  }
  const re = segmentRegex(segment);
  for (const entry of fs.readdirSync(dir)) {
    if (re.test(entry)) walk(path.join(dir, entry), rest, out);
  }
}

/** Lists the files under `baseDir` matching a glob with `{a,b}`, `*`, `?` and `**`, sorted. */
export function globFiles(baseDir: string, pattern: string): string[] {
  const out = new Set<string>();
  for (const alternative of expandBraces(pattern)) {
    const segments = alternative.split("/").filter((s) => s !== "" && s !== ".");
    walk(baseDir, segments, out);
  }
  return [...out].sort();
}
