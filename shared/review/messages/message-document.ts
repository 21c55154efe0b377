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
  const safeSubject = oneLine(subject);
  const safeBlocks = blocks.map(flattenBlock);
  return {
    subject: safeSubject,
    text: `${safeBlocks.map(blockText).join("\n\n")}\n`,
    html: html`<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${safeSubject}</title></head><body>${safeBlocks.map(blockHtml)}</body></html>`.value,
  };
}

// Line breaks (and the other control characters) of inserted text would let it write lines of its own into the plain-text
// body, e.g. a forged link line; every block is one logical line, so they become spaces.
const LINE_BREAKS = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g;

// Bidi embeddings, overrides, isolates and marks let inserted text reorder what follows it on screen ("SW-1\u202Efdp.exe"
// reads "SW-1exe.pdf", a subject's reference can swap places with its agency); they carry no content of their own.
const BIDI_CONTROLS = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/** Text on one line: line breaks and control characters become a space, bidi controls are dropped. */
export function oneLine(text: string): string {
  return text.replace(BIDI_CONTROLS, "").replace(LINE_BREAKS, " ");
}

function flattenBlock(block: MessageBlock): MessageBlock {
  if ("heading" in block) return { heading: oneLine(block.heading) };
  if ("paragraph" in block) return { paragraph: oneLine(block.paragraph) };
  if ("list" in block) return { list: block.list.map(oneLine) };
  if ("facts" in block) return { facts: block.facts.map(([name, value]) => [oneLine(name), oneLine(value)] as const) };
  return { link: { label: oneLine(block.link.label), url: oneLine(block.link.url) } };
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
