import { randomUUID } from "node:crypto";
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { AdaptiveCard, TeamsNotifier } from "../../ports/teams-notifier";
import { toWebhookMessage } from "./workflows-webhook-notifier";

/** Locally: writes each card, as the webhook would receive it, to a JSON file a person can open (npm start: .local/teams/). */
export class DirectoryTeamsNotifier implements TeamsNotifier {
  constructor(
    private readonly directory: string,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async postCard(card: AdaptiveCard): Promise<void> {
    await mkdir(this.directory, { recursive: true });
    // Time first so a directory listing shows the cards in the order they were posted.
    const name = `${this.now().toISOString().replace(/[:.]/g, "-")}-${randomUUID().slice(0, 8)}.json`;
    await writeFile(join(this.directory, name), `${JSON.stringify(toWebhookMessage(card), null, 2)}\n`, { flag: "wx" });
  }
}
