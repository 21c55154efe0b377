import type { MailAttachment } from "../../ports/mailer";
import { html, type SafeHtml } from "../html";

/** One block of a message, rendered the same way into its text and its HTML body. */
export type MessageBlock =
  | { heading: string }
  | { paragraph: string }
  | { list: readonly string[] }
  | { facts: readonly (readonly [string, string])[] }
  | { link: { label: string; url: string } };

/** A mail's subject and bodies. */
export interface Message {
  subject: string;
  text: string;
  html: string;
}

/** A message with files to attach (the customer notice carries the copy of the demand). */
export interface MessageWithAttachments extends Message {
  attachments: MailAttachment[];
}

/** Renders blocks into a plain-text and an escaped HTML body with the same content. */
export function renderMessage(subject: string, blocks: readonly MessageBlock[]): Message {
  return {
    subject,
    text: `${blocks.map(blockText).join("\n\n")}\n`,
    html: html`<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${subject}</title></head><body>${blocks.map(blockHtml)}</body></html>`.value,
  };
}

function blockText(block: MessageBlock): string {
  if ("heading" in block) return block.heading.toUpperCase();
  if ("paragraph" in block) return block.paragraph;
  if ("list" in block) return block.list.map((item) => `- ${item}`).join("\n");
  if ("facts" in block) return block.facts.map(([name, value]) => `${name}: ${value}`).join("\n");
  return `${block.link.label}:\n${block.link.url}`;
}

function blockHtml(block: MessageBlock): SafeHtml {
  if ("heading" in block) return html`<h2>${block.heading}</h2>`;
  if ("paragraph" in block) return html`<p>${block.paragraph}</p>`;
  if ("list" in block) return html`<ul>${block.list.map((item) => html`<li>${item}</li>`)}</ul>`;
  if ("facts" in block) return html`<table>${block.facts.map(([name, value]) => html`<tr><th scope="row" align="left">${name}</th><td>${value}</td></tr>`)}</table>`;
  return html`<p><a href="${block.link.url}">${block.link.label}</a></p>`;
}
