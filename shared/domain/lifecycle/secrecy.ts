/** Whether notice is held back, and until when (R9); decider/secrecy-in-force.ts computes it. */
export type EffectiveSecrecy = { kind: "none" } | { kind: "until"; date: string } | { kind: "indefinite" };
