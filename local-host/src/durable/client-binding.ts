/** The durable client binding data the Durable extension hands to `df.getClient(context)`. */
export function clientBindingData(origin: string, hubName: string, systemKey: string | undefined, rpcBaseUrl = `${origin}/durabletask/`): Record<string, unknown> {
  const base = `${origin}/runtime/webhooks/durabletask`;
  const required = `taskHub=${encodeURIComponent(hubName)}&connection=Storage${systemKey ? `&code=${encodeURIComponent(systemKey)}` : ""}`;
  const instance = `${base}/instances/INSTANCEID`;
  return {
    taskHubName: hubName,
    creationUrls: {
      createNewInstancePostUri: `${base}/orchestrators/{functionName}[/{instanceId}]?${required}`,
      createAndWaitOnNewInstancePostUri: `${base}/orchestrators/{functionName}[/{instanceId}]?timeout={timeoutInSeconds}&pollingInterval={intervalInSeconds}&${required}`,
    },
    managementUrls: {
      id: "INSTANCEID",
      statusQueryGetUri: `${instance}?${required}`,
      sendEventPostUri: `${instance}/raiseEvent/{eventName}?${required}`,
      terminatePostUri: `${instance}/terminate?reason={text}&${required}`,
      rewindPostUri: `${instance}/rewind?reason={text}&${required}`,
      purgeHistoryDeleteUri: `${instance}?${required}`,
      restartPostUri: `${instance}/restart?${required}`,
      suspendPostUri: `${instance}/suspend?reason={text}&${required}`,
      resumePostUri: `${instance}/resume?reason={text}&${required}`,
    },
    baseUrl: base,
    requiredQueryStringParameters: required,
    // The SDK prefers rpcBaseUrl (as with the real extension's local RPC endpoint) and never rewrites it.
    rpcBaseUrl,
  };
}

/** The management URLs for one instance, as returned by a start request. */
export function managementPayload(binding: Record<string, unknown>, instanceId: string): Record<string, string> {
  const urls = binding.managementUrls as Record<string, string>;
  const payload: Record<string, string> = {};
  for (const [key, value] of Object.entries(urls)) payload[key] = value.replace("INSTANCEID", encodeURIComponent(instanceId));
  payload.id = instanceId;
  return payload;
}
