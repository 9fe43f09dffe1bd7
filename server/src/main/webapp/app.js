// srooter console: one page per admin API area, drawn from the API with the signed-in user's token.
// No build step and no framework: small helpers (api, el, table) and one function per page.
"use strict";

const state = { token: sessionStorage.getItem("srooter.token"), me: null, timer: null };

const PAGES = [
  { id: "dashboard", title: "Dashboard", roles: ["admin", "lead", "auditor"], draw: dashboardPage },
  { id: "setup", title: "Get started", roles: ["admin"], draw: c => setupPage(c) },
  { id: "usage", title: "My usage", roles: ["developer"], draw: usagePage },
  { id: "keys", title: "API keys", roles: ["admin", "lead", "developer"], draw: keysPage },
  { id: "audit", title: "Audit log", roles: ["admin", "auditor"], draw: auditPage },
  { id: "skills", title: "Skills", roles: ["admin", "lead"], draw: skillsPage },
  { id: "routing", title: "Routing", roles: ["admin", "lead"], draw: c => routingPage(c) },
  { id: "policies", title: "Policies", roles: ["admin", "lead"], draw: c => policiesPage(c) },
  { id: "budget", title: "Budget", roles: ["admin", "lead"], draw: c => budgetPage(c) },
  { id: "providers", title: "Providers", roles: ["admin"], draw: c => providersPage(c) },
  { id: "cortex", title: "Cortex", roles: ["admin", "lead"], draw: c => cortexPage(c) },
  { id: "users", title: "Users", roles: ["admin", "lead"], draw: c => usersPage(c) },
  { id: "plugins", title: "Plugins", roles: ["admin"], draw: c => pluginsPage(c) },
  { id: "backups", title: "Backups", roles: ["admin"], draw: c => backupsPage(c) },
  { id: "account", title: "My account", roles: ["admin", "lead", "developer", "auditor"], draw: c => accountPage(c) },
];

// ---- helpers

async function api(method, path, body, raw) {
  const headers = { authorization: "Bearer " + state.token };
  let payload;
  if (body instanceof Blob) {
    headers["content-type"] = /\.zip$/i.test(body.name || "") ? "application/zip" : "application/java-archive";
    payload = body;
  } else if (body !== undefined) {
    headers["content-type"] = "application/json";
    payload = JSON.stringify(body);
  }
  const response = await fetch("/api" + path, { method, headers, body: payload });
  if (response.status === 401) {
    signOut("Your session has ended; please sign in again.");
    throw new Error("signed out");
  }
  if (!response.ok) {
    let message = response.status + " " + response.statusText;
    try { message = (await response.json()).error || message; } catch (ignored) { /* not JSON */ }
    throw new Error(message);
  }
  if (raw) return response;
  return response.status === 204 ? null : response.json();
}

function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
    else if (value === true) node.setAttribute(key, "");
    else if (value !== false && value !== null && value !== undefined) node.setAttribute(key, value);
  }
  for (const child of children.flat()) {
    if (child !== null && child !== undefined && child !== false) {
      node.append(child instanceof Node ? child : document.createTextNode(String(child)));
    }
  }
  return node;
}

function table(columns, rows, rowAttrs) {
  return el("table", {},
    el("thead", {}, el("tr", {}, columns.map(c => el("th", { class: c.num ? "num" : "" }, c.title)))),
    el("tbody", {}, rows.map(r => el("tr", rowAttrs ? rowAttrs(r) : {},
      columns.map(c => el("td", { class: c.num ? "num" : "" }, c.value(r)))))));
}

const usd = v => v === null || v === undefined ? "-" : "$" + Number(v).toFixed(Number(v) < 1 ? 4 : 2);
const ms = v => Number(v).toFixed(v < 10 ? 2 : 0) + " ms";
const when = t => t ? new Date(t).toLocaleString() : "-";
const statusTag = s => el("span", { class: "status s" + String(s)[0] }, s);

function card(title, ...body) {
  return el("section", { class: "card" }, title ? el("h3", {}, title) : null, ...body);
}

function notice(text, ok) {
  return el("div", { class: "notice" + (ok ? " ok" : ""), role: ok ? "status" : "alert" }, text);
}

/** Runs an action, showing its error in words next to the button that started it. */
function guarded(action, place) {
  return async event => {
    if (event) event.preventDefault();
    const target = place || (event && event.target.closest("section"));
    if (target) target.querySelectorAll(".notice").forEach(n => n.remove());
    try {
      await working(action);
    } catch (error) {
      if (target) target.append(notice(error.message));
    }
  };
}

/** How many actions are under way: the page stays aria-busy until the last one ends. */
let busyActions = 0;

/**
 * Runs an action (a change and the page's redraw after it) with the page marked aria-busy, so assistive technology
 * (and the browser tests) wait for the redraw instead of typing into fields that are about to be replaced.
 */
async function working(action) {
  const page = document.getElementById("page");
  busyActions++;
  if (page) page.setAttribute("aria-busy", "true");
  try {
    return await action();
  } finally {
    if (--busyActions === 0 && page) page.removeAttribute("aria-busy");
  }
}

function bars(groups, valueOf, format) {
  const max = Math.max(...groups.map(valueOf), 0) || 1;
  if (!groups.length) return el("p", { class: "muted" }, "Nothing yet this period.");
  return el("div", { class: "bars" }, groups.slice(0, 8).map(g => el("div", { class: "bar" },
    el("span", { class: "label", title: g.key }, g.key),
    el("span", { class: "track" }, el("span", { style: "width:" + (100 * valueOf(g) / max).toFixed(1) + "%" })),
    el("span", { class: "num" }, format(g)))));
}

function lineChart(days, field, label, span) {
  const box = el("div", { class: "chart" });
  if (!days.length || typeof uPlot === "undefined") {
    box.append(el("p", { class: "muted" }, "No requests in this range yet."));
    return box;
  }
  // every day of the span, quiet days at zero, so the line reads as a calendar
  const values = Object.fromEntries(days.map(d => [d.day, d[field]]));
  const today = Date.parse(new Date().toISOString().slice(0, 10) + "T00:00:00Z");
  const xs = [], ys = [];
  for (let i = (span || 30) - 1; i >= 0; i--) {
    const t = today - i * 86400000;
    xs.push(t / 1000);
    ys.push(values[new Date(t).toISOString().slice(0, 10)] || 0);
  }
  requestAnimationFrame(() => {
    const width = Math.max(300, box.clientWidth || 600);
    new uPlot({ width, height: 200, series: [{}, { label, stroke: "#3454d1", fill: "rgba(52,84,209,.12)",
      value: (u, v) => v === null ? "-" : v.toFixed(4) }], axes: [{}, { size: 60 }], legend: { show: true } },
      [xs, ys], box);
  });
  return box;
}

async function download(path, name) {
  const response = await api("GET", path, undefined, true);
  const blob = await response.blob();
  const link = el("a", { href: URL.createObjectURL(blob), download: name });
  document.body.append(link);
  link.click();
  link.remove();
}

// ---- shell

async function start() {
  if (!state.token) return showLogin();
  try {
    state.me = await api("GET", "/me");
  } catch (error) {
    return showLogin();
  }
  document.getElementById("login").hidden = true;
  document.getElementById("console").hidden = false;
  document.getElementById("who").textContent = state.me.username + " (" + state.me.role + ")";
  const nav = document.getElementById("nav");
  nav.replaceChildren(...visiblePages().map(p => el("li", {}, el("a", { href: "#" + p.id, id: "nav-" + p.id }, p.title))));
  if (!location.hash && state.me.role === "admin") {
    try {
      // a server with no provider yet opens on the setup
      if ((await api("GET", "/providers")).length === 0) location.hash = "#setup";
    } catch (ignored) { /* the dashboard, then */ }
  }
  route();
}

function visiblePages() {
  return PAGES.filter(p => p.roles.includes(state.me.role));
}

/** Navigations begun: only the latest one marks the page it drew. */
let routes = 0;

async function route() {
  clearInterval(state.timer);
  const pages = visiblePages();
  const page = pages.find(p => "#" + p.id === location.hash) || pages[0];
  document.querySelectorAll("#nav a").forEach(a => a.classList.toggle("active", a.id === "nav-" + page.id));
  document.getElementById("page-title").textContent = page.title;
  document.getElementById("page-status").textContent = "";
  const container = document.getElementById("page");
  const drawing = ++routes;
  delete container.dataset.page;
  container.replaceChildren(el("div", { class: "loading" }, "Loading…"));
  await working(async () => {
    try {
      await page.draw(container);
    } catch (error) {
      container.replaceChildren(notice("Could not load this page: " + error.message));
    }
  });
  // which page #page shows once drawn (the browser tests wait for it): only the latest navigation says so
  if (drawing === routes) container.dataset.page = page.id;
}

function showLogin() {
  document.getElementById("console").hidden = true;
  document.getElementById("login").hidden = false;
}

function signOut(message) {
  state.token = null;
  sessionStorage.removeItem("srooter.token");
  clearInterval(state.timer);
  document.getElementById("login-error").textContent = message || "";
  showLogin();
}

document.getElementById("login-form").addEventListener("submit", async event => {
  event.preventDefault();
  const error = document.getElementById("login-error");
  error.textContent = "";
  const response = await fetch("/api/auth/login", { method: "POST", headers: { "content-type": "application/json" },
    body: JSON.stringify({ username: document.getElementById("login-username").value,
      password: document.getElementById("login-password").value }) });
  if (!response.ok) {
    error.textContent = response.status === 401 ? "Wrong username or password." : "Sign-in failed (" + response.status + ").";
    return;
  }
  state.token = (await response.json()).token;
  sessionStorage.setItem("srooter.token", state.token);
  start();
});
document.getElementById("logout").addEventListener("click", () => signOut());
window.addEventListener("hashchange", () => state.me && route());

// ---- pages

async function dashboardPage(container) {
  const stats = await api("GET", "/stats?days=30");
  const share = stats.capUsd ? stats.spentUsd / stats.capUsd : 0;
  const meterClass = "meter" + (share >= 1 ? " over" : share >= .8 ? " warn" : "");
  const live = el("tbody", { id: "live-rows" });
  const tasks = costliestTasks();
  container.replaceChildren(
    el("div", { class: "grid" },
      el("section", { class: "card kpi", id: "kpi-spend" }, el("div", { class: "sub" }, "Spend this period"),
        el("div", { class: "value" }, usd(stats.spentUsd)),
        el("div", { class: "sub" }, stats.capUsd ? "of " + usd(stats.capUsd) + " cap (" + Math.round(share * 100) + "%)" : "no org cap set"),
        stats.capUsd ? el("div", { class: meterClass }, el("span", { style: "width:" + Math.min(100, share * 100) + "%" })) : null),
      el("section", { class: "card kpi" }, el("div", { class: "sub" }, "Requests this period"),
        el("div", { class: "value" }, stats.requests), el("div", { class: "sub" }, stats.errors + " refused or failed")),
      el("section", { class: "card kpi" }, el("div", { class: "sub" }, "Latency p50 / p90 / p99"),
        el("div", { class: "value" }, ms(stats.latencyMs.p50)),
        el("div", { class: "sub" }, ms(stats.latencyMs.p90) + " / " + ms(stats.latencyMs.p99) + " over " + stats.latencyMs.sample))),
    el("div", { class: "grid two" },
      card("Cost by route", bars(stats.byRoute, g => g.costUsd || g.requests, g => usd(g.costUsd) + " · " + g.requests)),
      card("Cost by served model", bars(stats.byModel, g => g.costUsd || g.requests, g => usd(g.costUsd) + " · " + g.requests))),
    card("Spend per day (30 days)", lineChart(stats.daily, "costUsd", "USD", 30)),
    card("Live requests", el("table", { id: "live" },
      el("thead", {}, el("tr", {}, ["Time", "Requested", "Served", "Route", "Cost", "Latency", "Status"]
        .map((t, i) => el("th", { class: i >= 4 && i <= 5 ? "num" : "" }, t)))), live)), tasks.card);
  const seen = new Set();
  const refresh = async () => {
    const recent = await api("GET", "/stats/recent?limit=25");
    const first = seen.size === 0;
    live.replaceChildren(...recent.map(r => {
      const fresh = !first && !seen.has(r.id);
      seen.add(r.id);
      return el("tr", { class: fresh ? "fresh" : "", "data-id": r.id },
        el("td", {}, new Date(r.at).toLocaleTimeString()), el("td", {}, r.requestedModel || "-"),
        el("td", {}, r.servedModel || "-"), el("td", {}, r.route || "-"), el("td", { class: "num" }, usd(r.costUsd)),
        el("td", { class: "num" }, ms(r.latencyMs)), el("td", {}, statusTag(r.status)));
    }));
    await tasks.refresh();
    document.getElementById("page-status").textContent = "live · updated " + new Date().toLocaleTimeString();
  };
  await refresh();
  state.timer = setInterval(() => refresh().catch(() => {}), 2000);
}

async function usagePage(container) {
  const [usage, tasks] = await Promise.all([api("GET", "/usage"), api("GET", "/tasks?sort=recent&limit=50")]);
  const feedback = (t, outcome) => el("button", { class: "secondary", "data-feedback": t.task + ":" + outcome, onclick: guarded(async event => {
    await api("POST", "/feedback", { task: t.task, outcome });
    event.target.closest("td").replaceChildren(notice("Thanks: " + (outcome === "success" ? "went well" : "went badly") + " counts for this task's route.", true));
  }) }, outcome === "success" ? "Went well" : "Went badly");
  container.replaceChildren(
    el("div", { class: "grid" },
      el("section", { class: "card kpi" }, el("div", { class: "sub" }, "Requests this month"), el("div", { class: "value" }, usage.requests)),
      el("section", { class: "card kpi" }, el("div", { class: "sub" }, "Cost this month"), el("div", { class: "value" }, usd(usage.costUsd)))),
    card("By model", table([
      { title: "Model", value: m => m.model || "-" }, { title: "Requests", num: true, value: m => m.requests },
      { title: "Input tokens", num: true, value: m => m.inputTokens }, { title: "Output tokens", num: true, value: m => m.outputTokens },
      { title: "Cost", num: true, value: m => usd(m.costUsd) }], usage.byModel)),
    card("My recent tasks", el("p", { class: "muted" }, "Tell srooter how a task went: where a learned route chose its model, it learns from it."),
      tasks.length ? pagedTable("my-tasks", [{ title: "Started", value: t => when(t.startedAt) }, { title: "Intent", value: t => t.intent || "-" },
        { title: "Turns", num: true, value: t => t.turns }, { title: "Models", value: t => (t.models || []).join(", ") },
        { title: "Cost", num: true, value: t => usd(t.costUsd) }, { title: "How did it go?", value: t => [feedback(t, "success"), " ", feedback(t, "failure")] }],
        tasks, null, 10) : el("p", { class: "muted" }, "No tasks in the last 7 days.")));
}

async function keysPage(container) {
  const admin = state.me && state.me.role === "admin";
  const [keys, users] = await Promise.all([api("GET", "/keys"), admin ? api("GET", "/users") : Promise.resolve([])]);
  const minted = el("div", { id: "minted" });
  const name = el("input", { id: "key-name", placeholder: "laptop", required: true, maxlength: 100 });
  const owner = admin ? el("select", { id: "key-owner" }, el("option", { value: "" }, "me"),
    users.filter(u => u.username !== state.me.username).map(u => el("option", { value: u.username }, u.username + " (" + u.role + ")"))) : null;
  const expires = el("input", { id: "key-expires", type: "date", min: new Date(Date.now() + 86400000).toISOString().slice(0, 10) });
  const form = actionForm("mint-form", [field("Name", name, "Where the key is used, so you can tell keys apart."),
    owner ? field("For", owner, "An admin may mint a key for another developer; hand it over yourself.") : null,
    field("Expires", expires, "Optional: the key stops working at the end of this day (UTC). The server may set a latest date of its own."),
    el("button", { id: "mint" }, "Mint key")], async () => {
    const body = { name: name.value };
    if (owner && owner.value) body.username = owner.value;
    if (expires.value) body.expiresAt = expires.value + "T23:59:59Z";
    showMinted(await api("POST", "/keys", body));
  });
  // a new key's secret, shown once above the table drawn again
  const showMinted = async key => {
    await keysPage(container);
    const secret = el("div", { class: "secret", id: "minted-secret" }, key.key);
    document.getElementById("minted").replaceChildren(card("The new key: copy it now, it is not shown again", secret,
      el("div", { class: "row" }, el("button", { class: "secondary", id: "copy-key",
        onclick: () => navigator.clipboard && navigator.clipboard.writeText(key.key) }, "Copy"))));
  };
  const active = k => !k.revokedAt && !(k.expiresAt && Date.parse(k.expiresAt) <= Date.now());
  const ownerOf = k => (users.find(u => u.id === k.userId) || {}).username;
  keys.sort((a, b) => String(b.createdAt).localeCompare(String(a.createdAt))); // the newest first: the one just minted
  container.replaceChildren(card("Mint a gateway key", form), minted,
    card("Keys", keys.length ? pagedTable("keys-table", [
      { title: "Name", value: k => k.name }, { title: "Key", value: k => el("code", {}, k.hint) },
      admin ? { title: "Owner", value: k => ownerOf(k) || k.userId } : null,
      { title: "Created", value: k => when(k.createdAt) },
      { title: "Expires", value: k => k.expiresAt ? when(k.expiresAt) : "never" },
      { title: "State", value: k => k.revokedAt ? "revoked " + when(k.revokedAt)
        : k.expiresAt && Date.parse(k.expiresAt) <= Date.now() ? "expired" : "active" },
      { title: "", value: k => active(k) ? [dangerButton("Rotate", "Rotate key " + k.name + "? A new key is shown once; this one keeps"
        + " working for a day, then stops.", async () => showMinted(await api("POST", "/keys/" + k.id + "/rotate", {})), { "data-rotate": k.name }), " ",
        dangerButton("Revoke", "Revoke key " + k.name + "? Tools using it stop working at once.",
        async () => { await api("DELETE", "/keys/" + k.id); await keysPage(container); }, { "data-revoke": k.name })] : "" },
    ].filter(Boolean), keys, k => ({ "data-key": k.name })) : el("p", { class: "muted" }, "No keys yet.")));
}

async function auditPage(container, offset) {
  offset = offset || 0;
  const filters = ["from", "to", "user", "model", "route", "status"];
  const inputs = Object.fromEntries(filters.map(f => [f, el("input", { id: "audit-" + f, placeholder: f === "from" || f === "to" ? "2026-12-01T00:00:00Z" : "" })]));
  const previous = state.auditFilters || {};
  filters.forEach(f => { inputs[f].value = previous[f] || ""; });
  const query = () => filters.filter(f => inputs[f].value.trim()).map(f => f + "=" + encodeURIComponent(inputs[f].value.trim())).join("&");
  const results = el("div", { id: "audit-results" }, el("div", { class: "loading" }, "Loading…"));
  const form = el("form", { class: "row" }, filters.map(f => el("label", {}, f, inputs[f])),
    el("button", { id: "audit-filter" }, "Filter"),
    el("button", { type: "button", class: "secondary", id: "export-csv",
      onclick: guarded(() => download("/audit/export?format=csv&" + query(), "srooter-audit.csv"), container) }, "Export CSV"),
    el("button", { type: "button", class: "secondary", id: "export-jsonl",
      onclick: guarded(() => download("/audit/export?format=jsonl&" + query(), "srooter-audit.jsonl"), container) }, "Export JSON Lines"));
  form.addEventListener("submit", event => {
    event.preventDefault();
    state.auditFilters = Object.fromEntries(filters.map(f => [f, inputs[f].value]));
    auditPage(container, 0);
  });
  const extra = el("div", { id: "audit-extra" });
  container.replaceChildren(card("Filter", form), card("Records", results), extra);
  const role = state.me.role;
  Promise.all([role === "admin" ? auditSinksCard() : null, adminChangesCard()])
    .then(cards => extra.replaceChildren(...cards.filter(Boolean)), error => extra.replaceChildren(notice(error.message)));
  try {
    const records = await api("GET", "/audit?limit=50&offset=" + offset + "&" + query());
    results.replaceChildren(records.length ? table([
      { title: "Time", value: r => when(r.createdAt) }, { title: "User", value: r => r.username || "-" },
      { title: "Requested", value: r => r.requestedModel || "-" }, { title: "Served", value: r => r.servedModel || "-" },
      { title: "Route", value: r => r.route || "-" }, { title: "Tokens", num: true, value: r => r.inputTokens + " / " + r.outputTokens },
      { title: "Cost", num: true, value: r => usd(r.costUsd) }, { title: "Latency", num: true, value: r => ms(r.latencyMs) },
      { title: "Status", value: r => statusTag(r.status) },
      { title: "Policies / skills", value: r => [r.policies, r.skills].filter(Boolean).join(" · ") || "" },
    ], records) : el("p", { class: "muted" }, "No records match."),
    el("div", { class: "row" },
      el("button", { class: "secondary", disabled: offset === 0, onclick: () => auditPage(container, Math.max(0, offset - 50)) }, "Newer"),
      el("span", { class: "muted" }, "records " + (offset + 1) + "–" + (offset + records.length)),
      el("button", { class: "secondary", disabled: records.length < 50, onclick: () => auditPage(container, offset + 50) }, "Older")));
  } catch (error) {
    results.replaceChildren(notice(error.message));
  }
}

async function skillsPage(container) {
  const skills = await api("GET", "/skills");
  const f = { name: el("input", { id: "skill-name" }), text: el("textarea", { id: "skill-text" }),
    kind: el("select", { id: "skill-kind" }, el("option", {}, "soft"), el("option", {}, "hard")),
    priority: el("input", { id: "skill-priority", type: "number", value: "100" }),
    intents: el("input", { id: "skill-intents", placeholder: "substantive, architecture" }),
    paths: el("input", { id: "skill-paths", placeholder: "payments/**, *.sql" }) };
  const list = s => s.split(",").map(x => x.trim()).filter(Boolean);
  const form = el("form", {}, el("div", { class: "row" }, el("label", {}, "Name", f.name), el("label", {}, "Kind", f.kind),
    el("label", {}, "Priority", f.priority), el("label", {}, "Intents", f.intents), el("label", {}, "Paths", f.paths)),
    el("label", {}, "Text", f.text), el("button", { id: "skill-save" }, "Save skill"));
  const section = card("Define or edit a skill", form);
  form.addEventListener("submit", guarded(async () => {
    const body = { name: f.name.value, text: f.text.value, kind: f.kind.value, priority: Number(f.priority.value),
      intents: list(f.intents.value), paths: list(f.paths.value) };
    const exists = skills.some(s => s.name === body.name && s.source === "admin");
    await api(exists ? "PUT" : "POST", exists ? "/skills/" + body.name : "/skills", body);
    await skillsPage(container);
  }, section));
  const edit = s => { f.name.value = s.name; f.text.value = s.text || ""; f.kind.value = s.kind;
    f.priority.value = s.priority; f.intents.value = s.intents.join(", "); f.paths.value = s.paths.join(", "); };
  container.replaceChildren(section, card("Skills, in prompt order", table([
    { title: "Name", value: s => s.name }, { title: "Kind", value: s => el("span", { class: "tag" }, s.kind) },
    { title: "Priority", num: true, value: s => s.priority },
    { title: "Intents", value: s => s.intents.length ? s.intents.map(i => el("span", { class: "tag" }, i)) : "all" },
    { title: "Scope", value: s => [...s.paths, ...s.repositories].join(", ") || "everywhere" },
    { title: "Source", value: s => s.source },
    { title: "On", value: s => el("input", { type: "checkbox", checked: s.enabled, "data-skill": s.name, "aria-label": "Skill " + s.name + " on",
      onchange: guarded(async e => { await api("PUT", "/skills/" + s.name, s.source === "plugin"
        ? { enabled: e.target.checked } : { ...s, enabled: e.target.checked }); }, container) }) },
    { title: "", value: s => s.source === "admin" ? [el("button", { class: "secondary", onclick: () => edit(s) }, "Edit"), " ",
      dangerButton("Delete", "Delete skill " + s.name + "? Requests stop getting it at once.", async () => { await api("DELETE", "/skills/" + s.name); await skillsPage(container); }, { "data-delete-skill": s.name })] : "" },
  ], skills)));
}

// after every script of the page has run: the pages of cortex.js, tasks.js and administration.js are defined
document.addEventListener("DOMContentLoaded", start);
