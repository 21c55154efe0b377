/** An Adaptive Card element or action, as the schema defines it (https://adaptivecards.io/explorer/). */
export type CardElement = { type: string } & Record<string, unknown>;

/** An Adaptive Card 1.4, the version Teams renders from a Workflows webhook. */
export interface AdaptiveCard {
  type: "AdaptiveCard";
  $schema: "http://adaptivecards.io/schemas/adaptive-card.json";
  version: "1.4";
  body: CardElement[];
  actions?: CardElement[];
}

/** Posts cards to the compliance team's Teams channel. */
export interface TeamsNotifier {
  /** Posts one card; resolves once it was accepted. */
  postCard(card: AdaptiveCard): Promise<void>;
}
