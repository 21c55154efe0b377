import type { IncomingMessage, ServerResponse } from "node:http";

/** Reads a request body completely. */
export async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** Sends a JSON (or empty, when body is undefined) response. */
export function sendJson(res: ServerResponse, status: number, body?: unknown, headers: Record<string, string> = {}): void {
  if (body === undefined) {
    res.writeHead(status, headers).end();
    return;
  }
  const text = JSON.stringify(body);
  res.writeHead(status, { "content-type": "application/json; charset=utf-8", ...headers }).end(text);
}

/** Parses a JSON request body; empty means null, invalid JSON means undefined. */
export function parseJsonBody(body: Buffer): { ok: true; json: string | null } | { ok: false } {
  const text = body.toString("utf8").trim();
  if (text === "") return { ok: true, json: null };
  try {
    return { ok: true, json: JSON.stringify(JSON.parse(text)) };
  } catch {
    return { ok: false };
  }
}
