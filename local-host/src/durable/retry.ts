import type { RetryPolicy } from "./types";

/**
 * Delay before the next attempt after `failures` failed attempts, as the Durable Task Framework computes it
 * (first interval × backoff^(failures−1), capped by the max interval), or undefined once the retry timeout has passed.
 */
export function nextRetryDelay(policy: RetryPolicy, failures: number, firstAttemptAt: number, now: number): number | undefined {
  const timeout = policy.retryTimeoutInMilliseconds;
  if (timeout !== undefined && timeout > 0 && now >= firstAttemptAt + timeout) return undefined;
  const coefficient = policy.backoffCoefficient && policy.backoffCoefficient > 0 ? policy.backoffCoefficient : 1;
  const delay = policy.firstRetryIntervalInMilliseconds * Math.pow(coefficient, Math.max(0, failures - 1));
  const cap = policy.maxRetryIntervalInMilliseconds;
  return cap !== undefined && cap > 0 ? Math.min(delay, cap) : delay;
}
