import type { AdaptiveCard, CardElement } from "../ports/teams-notifier";
import { oneLine } from "./messages/message-document";

/** What a notification card shows: a title, a line of context, facts and link buttons. */
export interface CardContent {
  title: string;
  intro?: string;
  facts: readonly (readonly [string, string])[];
  links: readonly { title: string; url: string }[];
  /** Shows the title in the attention colour (escalations, emergencies). */
  urgent?: boolean;
}

/**
 * Escapes the Markdown Teams renders in TextBlocks and facts, so a hostile string cannot become a link or markup, and
 * puts it on one line, so it cannot write lines of its own into the card (as in the mails).
 */
export function escapeCardText(text: string): string {
  return oneLine(text).replace(/[\\`*_{}[\]()#+\-.!|<>~]/g, (c) => `\\${c}`);
}

/** An Adaptive Card 1.4 with Action.OpenUrl buttons (Submit and Execute would need a bot). */
export function buildAdaptiveCard(content: CardContent): AdaptiveCard {
  const body: CardElement[] = [
    { type: "TextBlock", text: escapeCardText(content.title), weight: "Bolder", size: "Medium", wrap: true, ...(content.urgent ? { color: "Attention" } : {}) },
  ];
  if (content.intro !== undefined) body.push({ type: "TextBlock", text: escapeCardText(content.intro), wrap: true });
  body.push({ type: "FactSet", facts: content.facts.map(([title, value]) => ({ title: escapeCardText(title), value: escapeCardText(value) })) });
  return {
    type: "AdaptiveCard",
    $schema: "http://adaptivecards.io/schemas/adaptive-card.json",
    version: "1.4",
    body,
    actions: content.links.map((link) => ({ type: "Action.OpenUrl", title: link.title, url: link.url })),
  };
}
