import type { HttpRequest } from "@azure/functions";
import type { z } from "zod";
import { DomainError } from "../errors/domain-error";
import { toFieldProblems } from "../errors/field-problems";

/** Reads a JSON body within a size limit and checks its media type, before any parsing. */
export async function readJsonBody(request: HttpRequest, maxBytes: number): Promise<{ raw: string; value: unknown }> {
  const mediaType = (request.headers.get("content-type") ?? "").split(";")[0]?.trim().toLowerCase();
  if (mediaType !== "application/json") {
    throw new DomainError("unsupported-media-type", "The body must be sent as application/json.");
  }
  const declared = Number(request.headers.get("content-length") ?? "0");
  if (declared > maxBytes) throw tooLarge(maxBytes);
  const bytes = Buffer.from(await request.arrayBuffer());
  if (bytes.length > maxBytes) throw tooLarge(maxBytes);
  const raw = decodeUtf8(bytes);
  try {
    return { raw, value: JSON.parse(raw) as unknown };
  } catch {
    throw new DomainError("validation-failed", "The body is not valid JSON.", [{ path: "(body)", message: "invalid JSON" }]);
  }
}

/** Validates a parsed body against a schema, or throws a 400 listing every field problem. */
export function parseBody<S extends z.ZodType>(schema: S, value: unknown): z.infer<S> {
  const result = schema.safeParse(value);
  if (!result.success) {
    throw new DomainError("validation-failed", "The request body is not valid.", toFieldProblems(result.error));
  }
  return result.data;
}

// RFC 8259 §8.1: JSON travels as UTF-8. A lenient decode would store U+FFFD in place of what a Latin-1 client sent.
const UTF8 = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });

function decodeUtf8(bytes: Buffer): string {
  try {
    return UTF8.decode(bytes);
  } catch {
    throw new DomainError("validation-failed", "The body is not valid UTF-8.", [{ path: "(body)", message: "must be encoded as UTF-8" }]);
  }
}

function tooLarge(maxBytes: number): DomainError {
  return new DomainError("payload-too-large", `The body is larger than ${maxBytes} bytes.`);
}
