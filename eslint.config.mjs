// Lint rules; the orchestrations/ block keeps replay deterministic (as Temporal's samples do for workflows).
import tseslint from "typescript-eslint";

const nondeterministic = [
  { name: "Date", message: "Use context.df.currentUtcDateTime in orchestrators." },
  { name: "process", message: "Orchestrators must not read the environment." },
  { name: "setTimeout", message: "Use context.df.createTimer in orchestrators." },
  { name: "setInterval", message: "Use context.df.createTimer in orchestrators." },
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
          ],
        },
      ],
    },
  },
);
