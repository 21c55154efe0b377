import type { z } from "zod";
import type { FieldProblem } from "./domain-error";

/** Lists every problem zod found, with its path, for a 400 answer. */
export function toFieldProblems(error: z.ZodError): FieldProblem[] {
  return error.issues.map((issue) => ({
    path: issue.path.length === 0 ? "(body)" : issue.path.map(String).join("."),
    message: issue.message,
  }));
}
