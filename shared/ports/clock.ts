/** The one source of "now" for the app: the system clock in Azure, the local host's virtual clock locally. */
export interface Clock {
  /** The current instant. */
  now(): Date;
}
