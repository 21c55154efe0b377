// Lint rules; the orchestrations/ block keeps replay deterministic (as Temporal's samples do for workflows), and the
// layer blocks keep the dependencies pointing inwards: edges (functions/, activities/) -> shared application code ->
// shared/domain. A later block's no-restricted-imports replaces an earlier one's, so each block lists all it forbids.
import tseslint from "typescript-eslint";

const nondeterministic = [
  { name: "Date", message: "Use context.df.currentUtcDateTime in orchestrators." },
  { name: "process", message: "Orchestrators must not read the environment." },
  { name: "setTimeout", message: "Use context.df.createTimer in orchestrators." },
  { name: "setInterval", message: "Use context.df.createTimer in orchestrators." },
];

/** Nothing in shared/ may reach back into the Functions edges. */
const sharedLayer = [
  { group: ["**/functions/**", "**/activities/**", "**/orchestrations/**"], message: "shared/ must not import functions/, activities/ or orchestrations/: pass what it needs in." },
];

/** The domain is pure: zod and other domain modules only (no SDK, no Node, no I/O, no outer layer). */
const domainLayer = [
  ...sharedLayer,
  { regex: "^(?!zod$)(?!\\.)", message: "shared/domain is pure: no SDKs, no node:*, no npm package but zod." },
  {
    group: ["**/ports/**", "**/adapters/**", "**/review/**", "**/http/**", "**/staff/**", "**/composition/**", "**/config/**", "**/use-cases/**", "**/auth/**", "**/telemetry/**"],
    message: "shared/domain must not import ports, adapters, review, http, staff, composition, config or use-cases.",
  },
];

/** Orchestrator logic may import only the domain and the durable SDK (and its own folder). */
const orchestrationLayer = [
  { regex: "^(?!durable-functions$)(?!\\./)(?!(\\.\\./)+shared/domain/)", message: "Orchestrators import only shared/domain/** and durable-functions." },
];

/** The orchestration's registration file also wires in the activities' registrations (their handles), nothing else. */
const orchestrationRegistration = [
  { regex: "^(?!durable-functions$)(?!\\./lifecycle/)(?!\\.\\./shared/domain/)(?!\\.\\./activities/[^/]+$)", message: "The registration wires the flow to the activities' registrations only." },
];

export default tseslint.config(
  { ignores: ["dist/**", "node_modules/**", ".local/**", "coverage/**", "local-host/tests/fixtures/**/*.js"] },
  ...tseslint.configs.recommended,
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "no-console": "off",
    },
  },
  {
    files: ["shared/**/*.ts"],
    rules: { "no-restricted-imports": ["error", { patterns: sharedLayer }] },
  },
  {
    files: ["shared/domain/**/*.ts"],
    rules: { "no-restricted-imports": ["error", { patterns: domainLayer }] },
  },
  {
    files: ["orchestrations/**/*.ts"],
    ignores: ["**/*.test.ts"],
    rules: {
      "no-restricted-globals": ["error", ...nondeterministic],
      "no-restricted-properties": [
        "error",
        { object: "Math", property: "random", message: "Use context.df.newGuid in orchestrators." },
        { object: "Date", property: "now", message: "Use context.df.currentUtcDateTime in orchestrators." },
      ],
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            { group: ["node:*", "fs", "path", "crypto", "os", "http", "https", "child_process"], message: "No Node built-ins in orchestrators." },
            { group: ["@azure/*", "!@azure/functions"], message: "No SDKs in orchestrators: call an activity." },
            { group: ["**/adapters/**", "**/config/**"], message: "Orchestrators decide; adapters and config belong to activities." },
            ...orchestrationLayer,
          ],
        },
      ],
    },
  },
  {
    files: ["orchestrations/*.ts"],
    rules: { "no-restricted-imports": ["error", { patterns: orchestrationRegistration }] },
  },
);
