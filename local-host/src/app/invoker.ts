import { randomUUID } from "node:crypto";
import type { InvocationContextLike, LoadedApp } from "./app-loader";
import type { BindingInfo, Registration } from "./core-api";

/** Logs a line from the host or from a function. */
export type HostLog = (level: "info" | "warn" | "error", message: string) => void;

/** Invokes registered functions with a fresh InvocationContext, app hooks, and supported extra inputs. */
export class AppInvoker {
  private readonly appHookData: Record<string, unknown> = {};

  constructor(
    private readonly app: LoadedApp,
    private readonly durableClientData: () => Record<string, unknown>,
    private readonly log: HostLog,
  ) {}

  /** The registration of `name`, if its trigger type matches. */
  find(name: string, triggerType: string): Registration | undefined {
    const reg = this.app.registry.functions.get(name);
    return reg && triggerOf(reg)?.type.toLowerCase() === triggerType.toLowerCase() ? reg : undefined;
  }

  /** Every registration whose trigger has the given type. */
  byTrigger(triggerType: string): Registration[] {
    return [...this.app.registry.functions.values()].filter((r) => triggerOf(r)?.type.toLowerCase() === triggerType.toLowerCase());
  }

  /** Builds the InvocationContext the worker would pass (options from metadata, durable client input filled in). */
  context(reg: Registration, triggerMetadata?: Record<string, unknown>): InvocationContextLike {
    const bindings = Object.values(reg.metadata.bindings);
    const trigger = triggerOf(reg);
    const extraInputs = bindings.filter((b) => b.direction === "in" && b !== trigger);
    const extraOutputs = bindings.filter((b) => b.direction === "out" && b.name !== "$return");
    const functionName = reg.metadata.name;
    const context = new this.app.lib.InvocationContext({
      invocationId: randomUUID(),
      functionName,
      triggerMetadata,
      logHandler: (level: string, ...args: unknown[]) => {
        const text = args.map((a) => (typeof a === "string" ? a : a instanceof Error ? a.message : JSON.stringify(a))).join(" ");
        this.log(level === "error" || level === "critical" ? "error" : level === "warning" ? "warn" : "info", `[${functionName}] ${text}`);
      },
      options: { trigger, extraInputs, extraOutputs, return: reg.metadata.bindings.$return },
    });
    for (const input of extraInputs) {
      const type = input.type.toLowerCase();
      if ((type === "durableclient" || type === "orchestrationclient") && input.name) {
        context.extraInputs.set(input.name, this.durableClientData());
      }
    }
    return context;
  }

  /** Runs a handler with the app's pre/post invocation hooks, returning its (possibly hook-replaced) result. */
  async invoke(reg: Registration, inputs: unknown[], context: object): Promise<unknown> {
    const hooks = this.app.registry.hooks;
    const hookData: Record<string, unknown> = {};
    const pre: Record<string, unknown> = { invocationContext: context, inputs, functionCallback: reg.handler, hookData, appHookData: this.appHookData };
    for (const hook of hooks.get("preInvocation") ?? []) await hook(pre);
    const post: Record<string, unknown> = { invocationContext: context, inputs: pre.inputs, hookData, appHookData: this.appHookData };
    try {
      const handler = pre.functionCallback as (...args: unknown[]) => unknown;
      post.result = await handler(...(pre.inputs as unknown[]), context);
    } catch (error) {
      post.error = error;
    }
    for (const hook of hooks.get("postInvocation") ?? []) await hook(post);
    if (post.error !== undefined && post.error !== null) throw post.error;
    return post.result;
  }

  /** Runs the app's appStart or appTerminate hooks. */
  async appHook(name: "appStart" | "appTerminate"): Promise<void> {
    for (const hook of this.app.registry.hooks.get(name) ?? []) {
      await hook({ hookData: this.appHookData, appHookData: this.appHookData, functionAppDirectory: this.app.appDir });
    }
  }
}

/** The trigger binding of a registration. */
export function triggerOf(reg: Registration): BindingInfo | undefined {
  return Object.values(reg.metadata.bindings).find((b) => b.direction === "in" && /trigger$/i.test(b.type));
}
