import { type Browser, chromium, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ServerProcess, startServerProcess } from "../../src/testing/index.js";

const ADMIN = "inspector-e2e-admin-token-0123";
const XSS = `<img src=x onerror="window.__xss=1"><script>window.__xss=2</script>`;
const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

let server: ServerProcess;
let browser: Browser;

async function api(method: string, path: string, json?: unknown): Promise<number> {
  const response = await fetch(`${server.url}${path}`, {
    method,
    headers: { authorization: `Bearer ${ADMIN}`, "content-type": "application/json" },
    body: json === undefined ? undefined : JSON.stringify(json),
  });
  await response.arrayBuffer();
  return response.status;
}

beforeAll(async () => {
  server = await startServerProcess({ args: ["--ui", "--admin-token", ADMIN] });
  await api("PUT", "/v1/namespaces/support/keys/profile", {
    value: { name: XSS, plan: "pro", tags: ["a", "b"] },
  });
  await api("POST", "/v1/namespaces/support/lists/chat-1", {
    items: [
      { role: "system", content: "You are helpful." },
      { role: "user", content: XSS },
      { role: "assistant", content: [{ type: "text", text: "Hello, how can I help?" }] },
    ],
  });
  await api("POST", "/v1/namespaces/support/lists/events", {
    items: [{ event: "login" }, { event: "logout" }, 42],
  });
  await api("POST", "/v1/namespaces/agents/lists/langchain", {
    items: [
      { type: "human", data: { content: "hi" } },
      { type: "ai", data: { content: "hello" } },
    ],
  });
  await api("POST", "/v1/namespaces/agents/lists/ai-sdk", {
    items: Array.from({ length: 120 }, (_, i) => ({
      role: i % 2 ? "assistant" : "user",
      parts: [{ type: "text", text: `m${i}` }],
    })),
  });
  browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: CHROMIUM_ARGS });
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

/** A page that records every console error and uncaught exception. */
async function openPage(): Promise<{ page: Page; errors: string[] }> {
  const page = await browser.newPage({ viewport: { width: 1100, height: 700 } });
  const errors: string[] = [];
  page.on("console", (message) => {
    if (message.type() === "error") errors.push(message.text());
  });
  page.on("pageerror", (error) => errors.push(error.message));
  await page.goto(`${server.url}/ui`);
  return { page, errors };
}

const cellTexts = (page: Page, selector: string) =>
  page.locator(selector).evaluateAll((cells) => cells.map((cell) => cell.textContent));

describe("the inspector page in Chromium", () => {
  it("logs in, browses, shows a chat and a value as text, deletes after a confirmation", async () => {
    const { page, errors } = await openPage();

    await page.getByLabel("Admin token").fill(ADMIN);
    await page.getByRole("button", { name: "Log in" }).click();
    await page.getByRole("button", { name: "support" }).waitFor();
    await expect.poll(() => cellTexts(page, "tbody td:nth-child(2)")).toEqual(["2", "3"]);
    expect(page.url()).toBe(`${server.url}/ui`);
    expect(await page.evaluate("Object.values(sessionStorage)")).toEqual([ADMIN]);

    await page.getByRole("button", { name: "support" }).click();
    await page.getByRole("button", { name: "chat-1" }).waitFor();
    await expect
      .poll(() => cellTexts(page, "tbody td:nth-child(2)"))
      .toEqual(["list", "list", "value"]);

    await page.getByRole("button", { name: "chat-1" }).click();
    await page.locator(".message").first().waitFor();
    await expect
      .poll(() => cellTexts(page, ".message .role"))
      .toEqual(["system", "user", "assistant"]);
    await expect
      .poll(() => cellTexts(page, ".message .text"))
      .toEqual(["You are helpful.", XSS, "Hello, how can I help?"]);

    await page.getByRole("button", { name: "support" }).click();
    await page.getByRole("button", { name: "profile" }).click();
    const shown = JSON.parse((await page.locator("pre.value").textContent()) ?? "");
    expect(shown).toEqual({ name: XSS, plan: "pro", tags: ["a", "b"] });
    expect(await page.locator("main img, main script").count()).toBe(0);
    expect(await page.evaluate("window.__xss")).toBeUndefined();

    await page.getByRole("button", { name: "support" }).click();
    await page.getByRole("button", { name: "events" }).click();
    await expect.poll(() => cellTexts(page, "main tbody td:first-child")).toEqual(["1", "2", "3"]);

    // Cancelled: nothing is deleted.
    page.once("dialog", (dialog) => void dialog.dismiss());
    await page.getByRole("button", { name: "Delete key" }).click();
    expect(await api("GET", "/v1/namespaces/support/lists/events?last=1")).toBe(200);
    // Confirmed: the key is gone, and the page is back on the namespace's keys.
    page.once("dialog", (dialog) => void dialog.accept());
    await page.getByRole("button", { name: "Delete key" }).click();
    await page.getByRole("button", { name: "Clear namespace" }).waitFor();
    await expect.poll(() => cellTexts(page, "tbody td:first-child")).toEqual(["chat-1", "profile"]);
    expect(await api("GET", "/v1/namespaces/support/lists/events?last=1")).toBe(404);

    if (process.env.INSPECTOR_SCREENSHOT) {
      await page.getByRole("button", { name: "chat-1" }).click();
      await page.locator(".message").first().waitFor();
      await page.screenshot({ path: process.env.INSPECTOR_SCREENSHOT });
    }
    expect(errors).toEqual([]);
    await page.close();
  }, 60_000);

  it("shows LangChain and AI SDK messages as conversations, pages a long list, clears a namespace", async () => {
    const { page, errors } = await openPage();
    await page.getByLabel("Admin token").fill(ADMIN);
    await page.getByRole("button", { name: "Log in" }).click();
    await page.getByRole("button", { name: "agents" }).click();
    await page.getByRole("button", { name: "langchain" }).click();
    await page.locator(".message").first().waitFor();
    await expect.poll(() => cellTexts(page, ".message .role")).toEqual(["human", "ai"]);

    // A long list: the newest page first, then from the start a page at a time.
    await page.getByRole("button", { name: "agents" }).click();
    await page.getByRole("button", { name: "ai-sdk" }).click();
    await page.getByText("the newest 50 of 120 items").waitFor();
    const texts = () => cellTexts(page, ".message .text");
    await expect.poll(async () => (await texts()).at(-1)).toBe("m119");
    expect(await texts()).toHaveLength(50);
    await page.getByRole("button", { name: "Read from the start" }).click();
    await expect.poll(async () => (await texts())[0]).toBe("m0");
    await page.getByRole("button", { name: "More" }).click();
    await expect.poll(async () => (await texts()).length).toBe(100);
    await page.getByRole("button", { name: "More" }).click();
    await expect.poll(async () => (await texts()).length).toBe(120);
    expect(await page.getByRole("button", { name: "More" }).isVisible()).toBe(false);

    await page.getByRole("button", { name: "agents" }).click();
    page.once("dialog", (dialog) => void dialog.accept());
    await page.getByRole("button", { name: "Clear namespace" }).click();
    // Back on the namespaces, where the cleared one is gone.
    await expect.poll(() => cellTexts(page, "tbody td:first-child")).toEqual(["support"]);
    expect(await api("GET", "/v1/namespaces/agents/lists/ai-sdk?last=1")).toBe(404);
    expect(await api("GET", "/v1/namespaces/agents/lists/langchain?last=1")).toBe(404);
    expect(errors).toEqual([]);
    await page.close();
  }, 60_000);

  it("refuses a wrong token at the login form and never puts it in the URL", async () => {
    const { page } = await openPage();
    await page.getByLabel("Admin token").fill("not-the-admin-token-at-all");
    await page.getByRole("button", { name: "Log in" }).click();
    await page.getByText("The token is unknown").waitFor();
    await page.getByLabel("Admin token").waitFor();
    expect(page.url()).toBe(`${server.url}/ui`);
    expect(await page.evaluate("sessionStorage.length")).toBe(0);
    await page.close();
  }, 60_000);
});
