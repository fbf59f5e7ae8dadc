import {
  mockServerTarget,
  type RunningTarget,
  referenceServerTarget,
} from "@botwire/test-suite/targets";

/** Fresh targets for one test file: the mock, the reference server in-process and over HTTP. */
export function everyTarget(): Record<string, RunningTarget> {
  return {
    "mock server": mockServerTarget(),
    "reference server in-process": referenceServerTarget("in-process"),
    "reference server over HTTP": referenceServerTarget("http"),
  };
}
