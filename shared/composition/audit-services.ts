import { getServices } from "./services";
import type { AuditTrailDeps } from "../audit/audit-trail-view";

/** What the audit endpoints need, from the app's services: the provider's signing key verifies checkpoints. */
export async function getAuditServices(): Promise<AuditTrailDeps & { maxBodyBytes: number }> {
  const services = await getServices();
  return { ...services, signer: services.keys, maxBodyBytes: services.config.AUDIT_VERIFY_MAX_BODY_BYTES };
}
