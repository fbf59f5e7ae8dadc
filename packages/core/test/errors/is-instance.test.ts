import { runInNewContext } from "node:vm";
import { describe, expect, it } from "vitest";
import {
  BotWireApiError,
  BotWireConflictError,
  BotWireError,
  BotWireNetworkError,
  BotWireTimeoutError,
  BotWireWrongKindError,
} from "../../src/index.js";

describe("isInstance", () => {
  it("recognises errors from another copy of the package, where instanceof fails", async () => {
    // A second instance of the module, as with two installed versions of @botwire/core.
    const secondCopy = "../../src/errors/botwire-conflict-error.js?second-copy";
    const copy = (await import(/* @vite-ignore */ secondCopy)) as {
      BotWireConflictError: typeof BotWireConflictError;
    };
    expect(copy.BotWireConflictError).not.toBe(BotWireConflictError);
    const foreign = new copy.BotWireConflictError({
      message: "m",
      statusCode: 412,
      code: "version_mismatch",
    });
    expect(foreign instanceof BotWireConflictError).toBe(false);
    expect(BotWireConflictError.isInstance(foreign)).toBe(true);
    expect(BotWireApiError.isInstance(foreign)).toBe(true);
    expect(BotWireError.isInstance(foreign)).toBe(true);
    expect(BotWireWrongKindError.isInstance(foreign)).toBe(false);
    expect(copy.BotWireConflictError.isInstance(new BotWireTimeoutError(5, "GET /x"))).toBe(false);
  });

  it("recognises errors made in another realm by their Symbol.for markers", () => {
    const foreign = runInNewContext(`
      const error = new Error("from another realm");
      error[Symbol.for("botwire.error")] = true;
      error[Symbol.for("botwire.error.network")] = true;
      error;
    `);
    expect(foreign instanceof Error).toBe(false);
    expect(BotWireError.isInstance(foreign)).toBe(true);
    expect(BotWireNetworkError.isInstance(foreign)).toBe(true);
    expect(BotWireApiError.isInstance(foreign)).toBe(false);
  });

  it("is false for anything else", () => {
    for (const value of [new Error("plain"), null, undefined, "botwire.error", 42, {}]) {
      expect(BotWireError.isInstance(value)).toBe(false);
    }
    expect(BotWireError.isInstance({ [Symbol.for("botwire.error")]: "yes" })).toBe(false);
    const network = new BotWireNetworkError("GET /x", new TypeError("fetch failed"));
    expect(BotWireApiError.isInstance(network)).toBe(false);
    expect(BotWireTimeoutError.isInstance(network)).toBe(false);
    expect(network.cause).toBeInstanceOf(TypeError);
  });
});
