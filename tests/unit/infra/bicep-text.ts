import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";

/** The repository's infra/ folder. */
export const INFRA_DIR = path.join(__dirname, "../../../infra");

/** The text of one file under infra/. */
export function readInfra(relativePath: string): string {
  return readFileSync(path.join(INFRA_DIR, relativePath), "utf8");
}

/** Every .bicep file under infra/, as paths relative to it. */
export function listBicepFiles(dir = INFRA_DIR): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return listBicepFiles(full);
    return entry.name.endsWith(".bicep") ? [path.relative(INFRA_DIR, full)] : [];
  });
}

/** The lines between `opener` (a whole line, e.g. "var appSettings = {") and the first line that closes it at column 0. */
export function blockLines(text: string, opener: string, closer: string): string[] {
  const lines = text.split(/\r?\n/);
  const start = lines.findIndex((line) => line === opener);
  if (start < 0) throw new Error(`no line "${opener}"`);
  const end = lines.findIndex((line, i) => i > start && line === closer);
  if (end < 0) throw new Error(`"${opener}" is never closed by "${closer}"`);
  return lines.slice(start + 1, end).filter((line) => line.trim() !== "" && !line.trim().startsWith("//"));
}

/** The entries of a one-entry-a-line Bicep object (`  NAME: value`); throws on any other line so the parser cannot silently skip one. */
export function objectEntries(lines: string[]): Map<string, string> {
  const entries = new Map<string, string>();
  for (const line of lines) {
    const match = /^ {2}([A-Za-z_][A-Za-z0-9_]*|'[^']+'): (.+)$/.exec(line);
    if (match === null) throw new Error(`not a one-line NAME: value entry: ${line}`);
    const [, name = "", value = ""] = match;
    entries.set(name.replace(/^'|'$/g, ""), value.trim());
  }
  return entries;
}

/** The single-quoted string a Bicep value holds, or undefined when it is an expression. */
export function literal(value: string): string | undefined {
  return /^'([^'$]*)'$/.exec(value)?.[1];
}

/** A declared `param`: whether the caller must pass it (no default). */
export interface BicepParam {
  name: string;
  required: boolean;
}

/** The params a Bicep file declares. */
export function declaredParams(text: string): BicepParam[] {
  return [...text.matchAll(/^param (\w+) \w+( =)?/gm)].map((m) => ({ name: m[1] ?? "", required: m[2] === undefined }));
}

/** One `resource` declaration: its symbolic name, type, the comment lines just above it and its body. */
export interface BicepResource {
  symbol: string;
  type: string;
  comments: string[];
  body: string;
}

/** Every resource declared in a Bicep text (bodies end at the first line that is exactly "}"). */
export function resources(text: string): BicepResource[] {
  const lines = text.split(/\r?\n/);
  const found: BicepResource[] = [];
  lines.forEach((line, i) => {
    const match = /^resource (\w+) '([^'@]+)@[^']+'/.exec(line);
    if (match === null) return;
    const comments: string[] = [];
    for (let j = i - 1; j >= 0 && (lines[j] ?? "").startsWith("//"); j--) comments.unshift(lines[j] ?? "");
    const end = lines.findIndex((l, k) => k > i && l === "}");
    found.push({ symbol: match[1] ?? "", type: match[2] ?? "", comments, body: lines.slice(i, end + 1).join("\n") });
  });
  return found;
}

/** The repository root. */
export const REPO_DIR = path.join(__dirname, "../../..");

/** The text of a file at the repository root (azure.yaml, host.json, .funcignore, docs/deploy.md). */
export function readRepo(relativePath: string): string {
  return readFileSync(path.join(REPO_DIR, relativePath), "utf8");
}

/** Every resource of every .bicep file under infra/, with the file it is in and that file's text. */
export function allResources(): (BicepResource & { file: string; text: string })[] {
  return listBicepFiles().flatMap((file) => {
    const text = readInfra(file);
    return resources(text).map((r) => ({ ...r, file, text }));
  });
}

/** The value of a one-line `key: value` property at the given indentation in a resource body, or undefined. */
export function property(body: string, key: string, indent = 2): string | undefined {
  return new RegExp(`^ {${indent}}${key}: (.+)$`, "m").exec(body)?.[1]?.trim();
}

/** The single-quoted strings of a multi-line Bicep array property (`key: [` ... `]`) in a body. */
export function arrayStrings(body: string, key: string): string[] {
  const match = new RegExp(`^(\\s*)${key}: \\[\\n([\\s\\S]*?)\\n\\1\\]`, "m").exec(body);
  if (match === null) return [];
  return [...(match[2] ?? "").matchAll(/'([^']*)'/g)].map((m) => m[1] ?? "");
}
