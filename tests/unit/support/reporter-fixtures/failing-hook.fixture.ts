import { beforeAll, describe, expect, it } from "vitest";

describe("a suite whose setup fails", () => {
  beforeAll(() => {
    throw new Error("setup failed");
  });
  it("never runs", () => expect(1).toBe(1));
});
