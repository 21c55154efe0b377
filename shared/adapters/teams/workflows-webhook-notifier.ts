import type { AdaptiveCard, TeamsNotifier } from "../../ports/teams-notifier";

/** Raised when the Workflows webhook does not accept a card; never names the URL, whose query carries its signature. */
export class TeamsPostError extends Error {
  constructor(readonly status: number) {
    super(`the Teams Workflows webhook answered HTTP ${status}`);
    this.name = "TeamsPostError";
  }
}

/** The message a Teams Workflows webhook ("post to a channel when a webhook request is received") expects. */
export function toWebhookMessage(card: AdaptiveCard): unknown {
  return { type: "message", attachments: [{ contentType: "application/vnd.microsoft.card.adaptive", contentUrl: null, content: card }] };
}

/** Posts cards to a Teams channel through a Workflows webhook URL (Office 365 connectors are retired). */
export class WorkflowsWebhookNotifier implements TeamsNotifier {
  constructor(
    private readonly webhookUrl: string,
    private readonly timeoutMs = 10_000,
  ) {}

  async postCard(card: AdaptiveCard): Promise<void> {
    const response = await fetch(this.webhookUrl, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(toWebhookMessage(card)),
      signal: AbortSignal.timeout(this.timeoutMs),
    });
    // The body is drained so the connection can be reused; Workflows answers 202 with an empty one.
    await response.arrayBuffer();
    if (!response.ok) throw new TeamsPostError(response.status);
  }
}
