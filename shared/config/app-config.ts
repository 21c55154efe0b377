import { z } from "zod";

const commaList = z
  .string()
  .transform((s) => s.split(",").map((x) => x.trim()).filter((x) => x.length > 0))
  .pipe(z.array(z.string()).min(1));

const positiveInt = (fallback: number) => z.coerce.number().int().positive().default(fallback);

const flag = z
  .enum(["true", "false"])
  .default("false")
  .transform((v) => v === "true");

/** Every setting the app reads; names match local.settings.sample.json and infra/. */
export const AppConfigSchema = z
  .object({
    COSMOS_ENDPOINT: z.url(),
    COSMOS_DATABASE: z.string().min(1).default("lawful-requests"),
    /** Local emulator only; Azure uses the managed identity. */
    COSMOS_KEY: z.string().min(1).optional(),
    /** Local only: create the Cosmos database, its containers and the blob containers at start (infra/ makes them in Azure). */
    PROVISION_LOCAL_RESOURCES: flag,
    /** Azure: the blob endpoint, reached with the managed identity. */
    BLOB_SERVICE_URL: z.url().optional(),
    /** Local only: an Azurite connection string. */
    BLOB_CONNECTION_STRING: z.string().min(1).optional(),
    DOCUMENTS_CONTAINER: z.string().regex(/^[a-z0-9-]{3,63}$/).default("documents"),
    PROVIDER_LEGAL_NAMES: commaList,
    /** International agreements that resolve a conflict of laws: "requesterCountry:dataRegion" pairs, e.g. "GB:US,US:GB". */
    DATA_ACCESS_AGREEMENTS: z
      .string()
      .default("")
      .transform((s) => s.split(",").map((x) => x.trim()).filter((x) => x.length > 0))
      .pipe(z.array(z.string().regex(/^[A-Z]{2}:([A-Z]{2}|EU_EEA)$/, "each agreement must look like US:GB or US:EU_EEA")))
      .transform((pairs) =>
        pairs.map((pair) => {
          const [requesterCountry = "", dataRegion = ""] = pair.split(":");
          return { requesterCountry, dataRegion };
        }),
      ),
    POLICY_MAX_ACCOUNTS: positiveInt(25),
    POLICY_MAX_RANGE_DAYS: positiveInt(731),
    POLICY_MAX_EMERGENCY_RANGE_DAYS: positiveInt(30),
    INTAKE_MAX_BODY_BYTES: positiveInt(10 * 1024 * 1024),
    /** The public base URL of the app, used in Location headers and links. */
    PUBLIC_BASE_URL: z.url().default("http://localhost:7071"),
  })
  .refine((c) => c.BLOB_SERVICE_URL !== undefined || c.BLOB_CONNECTION_STRING !== undefined, {
    message: "set BLOB_SERVICE_URL (Azure) or BLOB_CONNECTION_STRING (local)",
    path: ["BLOB_SERVICE_URL"],
  });

/** The parsed configuration. */
export type AppConfig = z.infer<typeof AppConfigSchema>;

/** Raised when the environment does not hold a valid configuration; lists every problem. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
    this.name = "ConfigError";
  }
}

/** Parses the environment once; throws ConfigError naming every missing or invalid setting (never its value). */
export function parseConfig(env: Record<string, string | undefined>): AppConfig {
  const result = AppConfigSchema.safeParse(env);
  if (!result.success) {
    throw new ConfigError(result.error.issues.map((i) => `${i.path.join(".") || "(root)"}: ${i.message}`));
  }
  return result.data;
}
