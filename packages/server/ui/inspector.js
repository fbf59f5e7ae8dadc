// The BotWire inspector: browses namespaces, keys, values and lists through the server's own
// HTTP API. Every value shown is untrusted data: it is only ever set as text (textContent),
// never parsed as HTML. The admin token lives in sessionStorage (this tab only), never in a URL.

const TOKEN_KEY = "botwire.inspector.token";
const PAGE = 50;
const view = document.getElementById("view");
const crumbs = document.getElementById("crumbs");
const statusLine = document.getElementById("status");
const logoutButton = document.getElementById("logout");
const needsToken = document.querySelector('meta[name="botwire-auth"]')?.content === "token";

/** A refusal that sends the user back to the login form. */
class LoginNeeded extends Error {}

/** Creates an element with text and attributes; children are appended as given. */
function el(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(props)) {
    if (name === "text") node.textContent = value;
    else if (name === "onclick") node.addEventListener("click", value);
    else node.setAttribute(name, value);
  }
  node.append(...children.filter((child) => child !== undefined && child !== null));
  return node;
}

function setStatus(text, isError = false) {
  statusLine.textContent = text;
  statusLine.className = isError ? "error" : "";
}

const segment = (name) => encodeURIComponent(name);

async function api(method, path) {
  const headers = {};
  const token = sessionStorage.getItem(TOKEN_KEY);
  if (token) headers.authorization = `Bearer ${token}`;
  const response = await fetch(path, { method, headers });
  if (response.status === 401 || response.status === 403) {
    const body = await response.json().catch(() => null);
    throw new LoginNeeded(body?.error?.message ?? "The admin token is needed.");
  }
  if (response.status === 204) return null;
  const body = await response.json().catch(() => null);
  if (!response.ok) throw new Error(body?.error?.message ?? `HTTP ${response.status}`);
  return body;
}

/** Runs a screen, turning failures into a status line (or the login form). */
async function show(screen) {
  setStatus("Loading…");
  try {
    await screen();
    setStatus("");
  } catch (error) {
    if (error instanceof LoginNeeded) {
      sessionStorage.removeItem(TOKEN_KEY);
      showLogin(error.message);
    } else {
      setStatus(error.message, true);
    }
  }
}

function setCrumbs(...parts) {
  const items = [
    el("button", { type: "button", text: "Namespaces", onclick: () => show(namespaces) }),
  ];
  for (const part of parts) {
    items.push(
      part.open
        ? el("button", { type: "button", text: part.label, onclick: part.open })
        : el("span", { text: part.label }),
    );
  }
  crumbs.replaceChildren(...items);
}

function showLogin(message = "") {
  logoutButton.hidden = true;
  crumbs.replaceChildren();
  const input = el("input", {
    type: "password",
    name: "token",
    autocomplete: "current-password",
    required: "",
    "aria-label": "Admin token",
  });
  const form = el(
    "form",
    { class: "login" },
    el("label", { text: "Admin token", for: "token" }),
    input,
    el("button", { type: "submit", text: "Log in" }),
  );
  input.id = "token";
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    sessionStorage.setItem(TOKEN_KEY, input.value);
    logoutButton.hidden = false;
    show(namespaces);
  });
  view.replaceChildren(form);
  setStatus(message, message !== "");
  input.focus();
}

function bytes(n) {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KiB`;
  return `${(n / 1024 / 1024).toFixed(1)} MiB`;
}

function when(epochMs) {
  return epochMs === null ? "never" : new Date(epochMs).toISOString().replace(".000Z", "Z");
}

function table(headings, rows) {
  const head = el("tr", {}, ...headings.map(([text, cls]) => el("th", { text, class: cls ?? "" })));
  return el("table", {}, el("thead", {}, head), el("tbody", {}, ...rows));
}

/** A paged table: `load(cursor)` returns {items, nextCursor}; "More" appends the next page. */
async function pagedTable(headings, load, rowOf) {
  const node = table(headings, []);
  const body = node.querySelector("tbody");
  const more = el("button", { type: "button", text: "More" });
  let cursor = null;
  const next = async () => {
    const page = await load(cursor);
    body.append(...page.items.map(rowOf));
    cursor = page.nextCursor;
    more.hidden = cursor === null;
    return page;
  };
  more.addEventListener("click", () => show(next));
  const first = await next();
  return { node: el("div", {}, node, more), first };
}

/** A table cell holding one button. */
function buttonCell(text, className, onclick) {
  return el("td", {}, el("button", { type: "button", class: className, text, onclick }));
}

/** The paging query of a listing route. */
const pageQuery = (cursor) => `limit=${PAGE}${cursor ? `&cursor=${segment(cursor)}` : ""}`;

async function namespaces() {
  setCrumbs();
  const { node, first } = await pagedTable(
    [["Namespace"], ["Keys", "number"], ["Bytes", "number"], [""]],
    (cursor) => api("GET", `/v1/admin/namespaces?${pageQuery(cursor)}`),
    (ns) =>
      el(
        "tr",
        {},
        buttonCell(ns.namespace, "link", () => show(() => keys(ns.namespace))),
        el("td", { class: "number", text: String(ns.keys) }),
        el("td", { class: "number", text: bytes(ns.bytes) }),
        buttonCell("Clear", "danger", () => clearNamespace(ns.namespace)),
      ),
  );
  view.replaceChildren(
    first.items.length === 0 ? el("p", { text: "No namespace holds any key yet." }) : node,
  );
}

function clearNamespace(namespace) {
  if (!confirm(`Delete every key of the namespace "${namespace}"? This cannot be undone.`)) return;
  show(async () => {
    await api("DELETE", `/v1/namespaces/${segment(namespace)}`);
    await namespaces();
  });
}

async function keys(namespace) {
  setCrumbs({ label: namespace });
  const { node, first } = await pagedTable(
    [["Key"], ["Kind"], ["Size", "number"], ["Version", "number"], ["Expires"]],
    (cursor) => api("GET", `/v1/namespaces/${segment(namespace)}/keys?${pageQuery(cursor)}`),
    (info) =>
      el(
        "tr",
        {},
        buttonCell(info.key, "link", () => show(() => entry(namespace, info.key, info.kind))),
        el("td", { text: info.kind }),
        el("td", { class: "number", text: bytes(info.bytes) }),
        el("td", { class: "number", text: String(info.version) }),
        el("td", { text: when(info.expiresAt) }),
      ),
  );
  view.replaceChildren(
    el(
      "div",
      { class: "toolbar" },
      el("button", {
        type: "button",
        class: "danger",
        text: "Clear namespace",
        onclick: () => clearNamespace(namespace),
      }),
    ),
    first.items.length === 0 ? el("p", { text: "This namespace holds no key." }) : node,
  );
}

async function entry(namespace, key, kind) {
  setCrumbs({ label: namespace, open: () => show(() => keys(namespace)) }, { label: key });
  const path = `/v1/namespaces/${segment(namespace)}/${kind === "list" ? "lists" : "keys"}/${segment(key)}`;
  const remove = el("button", {
    type: "button",
    class: "danger",
    text: "Delete key",
    onclick: () => {
      if (!confirm(`Delete the key "${key}" of "${namespace}"? This cannot be undone.`)) return;
      show(async () => {
        await api("DELETE", `/v1/namespaces/${segment(namespace)}/keys/${segment(key)}`);
        await keys(namespace);
      });
    },
  });
  if (kind !== "list") {
    const value = await api("GET", path);
    view.replaceChildren(
      el("div", { class: "toolbar" }, remove, el("span", { text: metaLine(value) })),
      el("pre", { class: "value", text: JSON.stringify(value.value, null, 2) }),
    );
    return;
  }
  await listView(path, remove);
}

function metaLine(entry) {
  return `version ${entry.version}, updated ${when(entry.updatedAt)}, expires ${when(entry.expiresAt)}`;
}

/** A list: its newest page first (`last`), or read from the start a page at a time (`after`). */
async function listView(path, remove) {
  const newest = await api("GET", `${path}?last=${PAGE}`);
  const items = el("div", { class: "chat" });
  const more = el("button", { type: "button", text: "More" });
  const summary = el("span");
  let after = null;
  const render = (page, append) => {
    const rendered = renderItems(page.items);
    if (append) items.append(...rendered);
    else items.replaceChildren(...rendered);
    after = page.nextAfter;
    more.hidden = after === null;
  };
  const fromStart = el("button", {
    type: "button",
    text: "Read from the start",
    onclick: () =>
      show(async () => {
        render(await api("GET", `${path}?after=0&limit=${PAGE}`), false);
        summary.textContent = `${newest.length} items, from the oldest`;
      }),
  });
  more.addEventListener("click", () =>
    show(async () => render(await api("GET", `${path}?after=${after}&limit=${PAGE}`), true)),
  );
  render(newest, false);
  more.hidden = true;
  summary.textContent =
    newest.length > newest.items.length
      ? `the newest ${newest.items.length} of ${newest.length} items`
      : `${newest.length} items`;
  view.replaceChildren(
    el(
      "div",
      { class: "toolbar" },
      remove,
      summary,
      newest.length > newest.items.length ? fromStart : undefined,
    ),
    items,
    more,
  );
}

/** Chat messages as a conversation when every item is one; otherwise rows of JSON. */
function renderItems(items) {
  const messages = items.map((item) => chatMessage(item.value));
  if (items.length > 0 && messages.every((message) => message !== null)) {
    return messages.map((message, i) =>
      el(
        "div",
        { class: `message ${message.role.toLowerCase()}`, "data-seq": String(items[i].seq) },
        el("div", { class: "role", text: message.role }),
        el("div", { class: "text", text: message.text }),
      ),
    );
  }
  return [
    table(
      [["#", "number"], ["Item"]],
      items.map((item) =>
        el(
          "tr",
          {},
          el("td", { class: "number", text: String(item.seq) }),
          el("td", {}, el("pre", { text: JSON.stringify(item.value, null, 2) })),
        ),
      ),
    ),
  ];
}

/**
 * `{role, content}` (OpenAI style), LangChain's stored `{type, data: {content}}`, or the AI
 * SDK's `{role, parts}`, as {role, text}; null for anything else.
 */
function chatMessage(value) {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return null;
  if (typeof value.role === "string" && "content" in value) {
    return { role: value.role, text: textOf(value.content) };
  }
  if (typeof value.role === "string" && Array.isArray(value.parts)) {
    return { role: value.role, text: textOf(value.parts) };
  }
  const { data } = value;
  if (typeof value.type === "string" && typeof data === "object" && data && "content" in data) {
    return { role: value.type, text: textOf(data.content) };
  }
  return null;
}

function textOf(content) {
  if (typeof content === "string") return content;
  if (Array.isArray(content)) {
    return content
      .map((part) => (typeof part?.text === "string" ? part.text : `[${part?.type ?? "part"}]`))
      .join("");
  }
  return JSON.stringify(content);
}

logoutButton.addEventListener("click", () => {
  sessionStorage.removeItem(TOKEN_KEY);
  showLogin();
});

if (needsToken && !sessionStorage.getItem(TOKEN_KEY)) {
  showLogin();
} else {
  logoutButton.hidden = !needsToken;
  show(namespaces);
}
