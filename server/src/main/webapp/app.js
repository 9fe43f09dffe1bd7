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
  { id: "routing", title: "Routing", roles: ["admin", "lead"], draw: routingPage },
  { id: "policies", title: "Policies", roles: ["admin", "lead"], draw: policiesPage },
  { id: "budget", title: "Budget", roles: ["admin", "lead"], draw: budgetPage },
  { id: "providers", title: "Providers", roles: ["admin"], draw: c => providersPage(c) },
  { id: "cortex", title: "Cortex", roles: ["admin", "lead"], draw: c => cortexPage(c) },
  { id: "users", title: "Users", roles: ["admin"], draw: c => usersPage(c) },
  { id: "plugins", title: "Plugins", roles: ["admin"], draw: c => pluginsPage(c) },
];

// ---- helpers

async function api(method, path, body, raw) {
  const headers = { authorization: "Bearer " + state.token };
  let payload;
  if (body instanceof Blob) {
    headers["content-type"] = "application/java-archive";
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
      await action();
    } catch (error) {
      if (target) target.append(notice(error.message));
    }
  };
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

async function route() {
  clearInterval(state.timer);
  const pages = visiblePages();
  const page = pages.find(p => "#" + p.id === location.hash) || pages[0];
  document.querySelectorAll("#nav a").forEach(a => a.classList.toggle("active", a.id === "nav-" + page.id));
  document.getElementById("page-title").textContent = page.title;
  document.getElementById("page-status").textContent = "";
  const container = document.getElementById("page");
  container.replaceChildren(el("div", { class: "loading" }, "Loading…"));
  try {
    await page.draw(container);
  } catch (error) {
    container.replaceChildren(notice("Could not load this page: " + error.message));
  }
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
  const usage = await api("GET", "/usage");
  container.replaceChildren(
    el("div", { class: "grid" },
      el("section", { class: "card kpi" }, el("div", { class: "sub" }, "Requests this month"), el("div", { class: "value" }, usage.requests)),
      el("section", { class: "card kpi" }, el("div", { class: "sub" }, "Cost this month"), el("div", { class: "value" }, usd(usage.costUsd)))),
    card("By model", table([
      { title: "Model", value: m => m.model || "-" }, { title: "Requests", num: true, value: m => m.requests },
      { title: "Input tokens", num: true, value: m => m.inputTokens }, { title: "Output tokens", num: true, value: m => m.outputTokens },
      { title: "Cost", num: true, value: m => usd(m.costUsd) }], usage.byModel)));
}

async function keysPage(container) {
  const keys = await api("GET", "/keys");
  const minted = el("div", { id: "minted" });
  const name = el("input", { id: "key-name", placeholder: "laptop", required: true });
  const form = el("form", { class: "row", id: "mint-form" }, el("label", {}, "Name", name), el("button", { id: "mint" }, "Mint key"));
  form.addEventListener("submit", guarded(async () => {
    const key = await api("POST", "/keys", { name: name.value });
    await keysPage(container);
    const secret = el("div", { class: "secret", id: "minted-secret" }, key.key);
    document.getElementById("minted").replaceChildren(card("Your new key: copy it now, it is not shown again", secret,
      el("div", { class: "row" }, el("button", { class: "secondary", id: "copy-key",
        onclick: () => navigator.clipboard && navigator.clipboard.writeText(key.key) }, "Copy"))));
  }, form.parentNode || container));
  container.replaceChildren(card("Mint a gateway key", form), minted,
    card("Keys", keys.length ? table([
      { title: "Name", value: k => k.name }, { title: "Key", value: k => el("code", {}, k.hint) },
      { title: "Created", value: k => when(k.createdAt) },
      { title: "State", value: k => k.revokedAt ? "revoked " + when(k.revokedAt) : "active" },
      { title: "", value: k => k.revokedAt ? "" : el("button", { class: "danger", "data-revoke": k.name,
        onclick: guarded(async () => { await api("DELETE", "/keys/" + k.id); await keysPage(container); }, container) }, "Revoke") },
    ], keys, k => ({ "data-key": k.name })) : el("p", { class: "muted" }, "No keys yet.")));
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
  container.replaceChildren(card("Filter", form), card("Records", results));
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
    { title: "On", value: s => el("input", { type: "checkbox", checked: s.enabled, "data-skill": s.name,
      onchange: guarded(async e => { await api("PUT", "/skills/" + s.name, s.source === "plugin"
        ? { enabled: e.target.checked } : { ...s, enabled: e.target.checked }); }, container) }) },
    { title: "", value: s => s.source === "admin" ? [el("button", { class: "secondary", onclick: () => edit(s) }, "Edit"), " ",
      el("button", { class: "danger", onclick: guarded(async () => { await api("DELETE", "/skills/" + s.name); await skillsPage(container); }, container) }, "Delete")] : "" },
  ], skills)));
}

async function routingPage(container) {
  const [rules, chains, classifier, council, learned, derived] = await Promise.all([api("GET", "/routing/rules"), api("GET", "/routing/chains"),
    api("GET", "/routing/classifier"), api("GET", "/routing/council"), api("GET", "/routing/learned"), api("GET", "/routing/derived-chains")]);
  const deriving = el("input", { id: "derive-chains", type: "checkbox", checked: derived.enabled });
  deriving.addEventListener("change", guarded(async () => {
    await api("PUT", "/routing/derived-chains", { enabled: deriving.checked }); await routingPage(container); }, container));
  const ruleInputs = rules.rules.map(r => ({ rule: r,
    target: el("input", { value: r.target, "data-intent": r.intent + (r.team ? ":" + r.team : ""), class: "rule-target" }),
    council: el("input", { type: "checkbox", checked: !!r.council }),
    candidates: el("input", { value: (r.candidates || []).join(", "), "data-intent": r.intent + (r.team ? ":" + r.team : ""),
      class: "rule-candidates", placeholder: "for learned: two models or more" }),
    min: el("input", { type: "number", step: "0.05", min: "0", max: "1", value: r.minConfidence }) }));
  const rulesSection = card("Rules per intent", el("p", { class: "muted" }, "Target: requested, cheapest, best, learned (srooter chooses among the candidates from outcomes), or a model (provider/model)."),
    table([{ title: "Intent", value: x => x.rule.intent }, { title: "Team", value: x => x.rule.team || "everyone" },
      { title: "Target", value: x => x.target }, { title: "Candidates", value: x => x.candidates },
      { title: "Council", value: x => x.council },
      { title: "Min confidence", value: x => x.min }], ruleInputs),
    el("div", { class: "row" }, el("button", { id: "rules-save", onclick: guarded(async () => {
      await api("PUT", "/routing/rules", { rules: ruleInputs.map(x => ({ team: x.rule.team, intent: x.rule.intent,
        target: x.target.value.trim(), council: x.council.checked, minConfidence: Number(x.min.value),
        candidates: x.target.value.trim() === "learned" ? x.candidates.value.split(",").map(c => c.trim()).filter(Boolean) : null })) });
      await routingPage(container);
      document.getElementById("page").prepend(notice("Rules saved: they apply from the next request.", true));
    }) }, "Save rules"), el("button", { class: "secondary", onclick: guarded(async () => {
      await api("DELETE", "/routing/rules"); await routingPage(container); }) }, "Back to srooter defaults")));
  const select = el("select", { id: "classifier" }, [...classifier.available, "none"].map(n => el("option", { selected: n === classifier.name }, n)));
  const chainModel = el("input", { id: "chain-model", placeholder: "claude-sonnet-4-5" });
  const chainSteps = el("input", { id: "chain-steps", placeholder: "anthropic/claude-haiku-4-5, local/qwen3-coder" });
  container.replaceChildren(
    card("Intent classifier", el("div", { class: "row" }, el("label", {}, "Classifier", select),
      el("button", { onclick: guarded(async () => { await api("PUT", "/routing/classifier", { name: select.value }); }) }, "Use"))),
    rulesSection,
    card("Fallback chains", Object.keys(chains).length ? table([{ title: "Model", value: m => m },
      { title: "Then", value: m => chains[m].join(" → ") },
      { title: "", value: m => el("button", { class: "danger", onclick: guarded(async () => {
        await api("DELETE", "/routing/chains/" + m); await routingPage(container); }) }, "Remove") }], Object.keys(chains))
      : el("p", { class: "muted" }, "No chains set by an admin."),
      el("label", { class: "inline" }, deriving, " Derive a chain for every model without one (a cheaper tier of its vendor, a comparable model of another, a local one)"),
      Object.keys(derived.chains).length ? table([{ title: "Model", value: m => m },
        { title: "Then (derived)", value: m => el("span", { class: "derived", "data-derived": m }, derived.chains[m].join(" → ")) }],
        Object.keys(derived.chains)) : el("p", { class: "muted" }, derived.enabled ? "No model has a chain to derive." : "Derived chains are off: a failing model without a chain fails its request."),
      el("form", { class: "row", onsubmit: guarded(async () => {
        await api("PUT", "/routing/chains/" + chainModel.value.trim(), { chain: chainSteps.value.split(",").map(s => s.trim()).filter(Boolean) });
        await routingPage(container); }) }, el("label", {}, "Model", chainModel), el("label", {}, "Falls back to", chainSteps),
        el("button", {}, "Set chain"))),
    learnedCard(learned, container), councilCard(council, ruleInputs, container), await councilReviews());
}

async function policiesPage(container) {
  const policies = await api("GET", "/policies");
  container.replaceChildren(...policies.map(p => {
    const org = p.settings.find(s => s.scope === "org");
    const editor = el("textarea", { id: "policy-" + p.name }, org ? JSON.stringify(org.settings, null, 2) : "{}");
    const section = card(p.name + "  ·  order " + p.order + (p.plugin ? "  ·  " + p.plugin : ""),
      el("label", {}, "Org-wide settings (JSON)", editor),
      p.settings.filter(s => s.scope !== "org").length ? table([{ title: "Scope", value: s => s.scope + " " + s.subject },
        { title: "Settings", value: s => el("code", {}, JSON.stringify(s.settings)) }], p.settings.filter(s => s.scope !== "org")) : null,
      el("div", { class: "row" }, el("button", { "data-policy": p.name, onclick: guarded(async () => {
        let settings;
        try { settings = JSON.parse(editor.value); } catch (e) { throw new Error("Not valid JSON: " + e.message); }
        await api("PUT", "/policies/" + p.name, settings);
        section.append(notice("Saved: applies from the next request.", true));
      }) }, "Save"), org ? el("button", { class: "secondary", onclick: guarded(async () => {
        await api("DELETE", "/policies/" + p.name); await policiesPage(container); }) }, "Clear") : null));
    return section;
  }));
}

async function budgetPage(container) {
  const budgets = await api("GET", "/budgets");
  const org = budgets.find(b => b.id === "org");
  const limit = el("input", { id: "org-limit", type: "number", step: "0.01", min: "0", value: org ? org.limitUsd : "" });
  const period = el("select", { id: "org-period" }, ["monthly", "weekly", "daily"].map(p => el("option", { selected: org && org.period === p }, p)));
  const hard = el("input", { type: "checkbox", checked: org && org.hardStop });
  const daily = org ? await api("GET", "/budgets/org/daily?days=30") : {};
  const days = Object.entries(daily).map(([day, cost]) => ({ day, costUsd: cost }));
  container.replaceChildren(
    card("Org cap", el("form", { class: "row", onsubmit: guarded(async () => {
      await api("PUT", "/budgets/org", { limitUsd: Number(limit.value), period: period.value, hardStop: hard.checked });
      await budgetPage(container); }) }, el("label", {}, "Limit (USD)", limit), el("label", {}, "Period", period),
      el("label", {}, "Hard stop", hard), el("button", { id: "org-save" }, "Set cap")),
      el("p", { class: "muted" }, "Above a cap, requests move down each model's fallback chain to cheaper models, down to free ones; a hard stop refuses instead when no free model is in the chain.")),
    card("Caps and spend", budgets.length ? table([{ title: "Cap", value: b => b.id }, { title: "Period", value: b => b.period },
      { title: "Limit", num: true, value: b => usd(b.limitUsd) }, { title: "Spent", num: true, value: b => usd(b.spentUsd) },
      { title: "Held", num: true, value: b => usd(b.reservedUsd) }, { title: "Left", num: true, value: b => usd(b.remainingUsd) },
      { title: "Hard stop", value: b => b.hardStop ? "yes" : "no" }], budgets) : el("p", { class: "muted" }, "No caps set.")),
    card("Org spend per day", lineChart(days, "costUsd", "USD", 30)));
}

// after every script of the page has run: the pages of cortex.js, tasks.js and administration.js are defined
document.addEventListener("DOMContentLoaded", start);
