/** Options of a local host. */
export interface HostOptions {
  /** The app directory (holds package.json with `main`, host.json, local.settings.json). */
  appDir: string;
  /** Port to listen on; 0 picks an ephemeral port. Default 7071. */
  port?: number;
  /** Interface to bind; default 127.0.0.1. */
  hostname?: string;
  /** Directory of the durable state journal; default `<appDir>/.local/host` or LOCAL_HOST_STATE_DIR. */
  stateDir?: string;
  /** Variables set in process.env before the app loads (they win over local.settings.json). */
  env?: Record<string, string>;
  /** Mounts the /admin routes (virtual clock). */
  adminEnabled?: boolean;
  /** Maximum activities running at once; default 10. */
  activityConcurrency?: number;
  /** Keys for function/admin auth levels; none configured means no key is required. */
  functionKeys?: string[];
  adminKeys?: string[];
  /** Receives the latency of each orchestrator episode (from work arriving to the episode being applied). */
  onEpisode?: (latencyMs: number) => void;
  /** Where host and function logs go; default console. */
  log?: (level: "info" | "warn" | "error", message: string) => void;
}

/** A running local host. */
export interface RunningHost {
  /** Base URL, e.g. http://127.0.0.1:7071 */
  url: string;
  port: number;
  /** Names of the registered functions. */
  functions: string[];
  clock: {
    /** Current virtual time (epoch ms). */
    now(): number;
    /** Advances by an ISO 8601 duration, firing due timers in order; resolves with the new time when quiescent. */
    advance(duration: string): Promise<number>;
    /** Sets the clock to an ISO time (forward fires due timers). */
    set(iso: string): Promise<number>;
  };
  /** Resolves when no orchestration episode, activity or timer function is pending. */
  idle(): Promise<void>;
  /** Stops gracefully: stops serving, flushes state, runs appTerminate hooks. */
  stop(): Promise<void>;
  /** Simulates a crash for in-process tests: stops everything without flushing pending state. */
  kill(): Promise<void>;
}
