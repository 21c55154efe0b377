/** The instrumentation scope of the app's own spans and metrics. */
export const TELEMETRY_SCOPE = "lawful-request-workflow";
