export { startHost } from "./host";
export type { HostOptions, RunningHost } from "./host-options";
export { parseIsoDuration } from "./time/iso-duration";
export { clockSymbol } from "./host";
