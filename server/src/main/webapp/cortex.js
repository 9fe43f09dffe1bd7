// The Cortex page: repositories, symbol search, and a symbol's neighbourhood drawn as a graph.
"use strict";

async function cortexPage(container) {
  const [repos, hotspots, context] = await Promise.all([api("GET", "/cortex/repos"), api("GET", "/cortex/hotspots"),
    api("GET", "/cortex/context")]);
  const name = el("input", { id: "repo-name", placeholder: "shop" });
  const path = el("input", { id: "repo-path", placeholder: "/srv/git/shop" });
  const register = el("form", { class: "row" }, el("label", {}, "Name", name), el("label", {}, "Folder on the server", path),
    el("button", { id: "repo-register" }, "Register and index"));
  const registerCard = card("Register a repository", register);
  register.addEventListener("submit", guarded(async () => {
    registerCard.append(el("div", { class: "loading" }, "Indexing…"));
    await api("POST", "/cortex/repos", { name: name.value, path: path.value });
    await cortexPage(container);
  }, registerCard));
  const query = el("input", { id: "symbol-query", placeholder: "Ledger" });
  const results = el("div", { id: "symbol-results" });
  const graph = el("div", { id: "graph" });
  const search = el("form", { class: "row" }, el("label", {}, "Symbol", query), el("button", { id: "symbol-search" }, "Search"));
  search.addEventListener("submit", guarded(async () => {
    const found = await api("GET", "/cortex/symbols?limit=20&q=" + encodeURIComponent(query.value));
    results.replaceChildren(found.length ? table([{ title: "Symbol", value: s => el("button", { class: "link",
      "data-symbol": s.name, onclick: () => drawNeighbourhood(graph, s.repo, s.file, s.name) }, s.name) },
      { title: "Kind", value: s => s.kind }, { title: "Where", value: s => el("code", {}, s.file + ":" + s.line) },
      { title: "Repository", value: s => s.repo }], found) : el("p", { class: "muted" }, "No symbol matches."));
  }, container));
  container.replaceChildren(registerCard,
    card("Repositories", repos.length ? table([{ title: "Name", value: r => r.name }, { title: "Folder", value: r => el("code", {}, r.path) },
      { title: "Files", num: true, value: r => r.files }, { title: "Symbols", num: true, value: r => r.symbols },
      { title: "Edges", num: true, value: r => r.edges }, { title: "Lines", num: true, value: r => r.lines },
      { title: "Indexed", value: r => when(r.indexedAt) },
      { title: "", value: r => [el("button", { class: "secondary", "data-reindex": r.name, onclick: guarded(async () => {
          await api("POST", "/cortex/repos/" + encodeURIComponent(r.name) + "/reindex", {}); await cortexPage(container); }, container) }, "Reindex"), " ",
        dangerButton("Remove", "Remove repository " + r.name + " from Cortex? Its graph is forgotten; the folder is not touched.", async () => {
          await api("DELETE", "/cortex/repos/" + encodeURIComponent(r.name)); await cortexPage(container); }, { "data-remove-repo": r.name })] }],
      repos) : el("p", { class: "muted" }, "No repository registered.")),
    archiveCard(container), card("Explore the graph", search, results, graph), hotspotsCard(hotspots, context, container),
    await riskCard(container));
}

/** A repository the server cannot read from disk: upload it as a zip archive. */
function archiveCard(container) {
  const name = el("input", { id: "archive-name", required: true, pattern: "[A-Za-z0-9._-]{1,100}" });
  const file = el("input", { id: "archive-file", type: "file", accept: ".zip,application/zip", required: true });
  return card("Upload a repository (zip)", actionForm("archive-form", [field("Name", name, "Letters, digits, . _ -"), field("Archive", file),
    el("button", { id: "archive-upload" }, "Upload and index")], async () => {
    await api("POST", "/cortex/repos/" + encodeURIComponent(name.value.trim()) + "/archive", file.files[0]);
    await cortexPage(container); }));
}

/** Sensitive areas (tags of path patterns that raise a change's risk) and whether high risk escalates routing. */
async function riskCard(container) {
  const [sensitive, escalation] = await Promise.all([api("GET", "/cortex/sensitive"), api("GET", "/cortex/escalation")]);
  const text = el("textarea", { id: "sensitive-tags", rows: 4, "aria-label": "Sensitive areas, one per line" },
    Object.entries(sensitive.tags).map(([tag, patterns]) => tag + ": " + patterns.join(", ")).join("\n"));
  const escalate = el("input", { id: "risk-escalation", type: "checkbox", checked: escalation.enabled });
  return card("Risk", actionForm("sensitive-form", [field("Sensitive areas", text, "One per line: tag: path patterns (payments: */payments/*, *charge*)."),
    el("button", { id: "sensitive-save" }, "Save areas")], async () => {
    const tags = {};
    for (const line of text.value.split("\n").map(l => l.trim()).filter(Boolean)) {
      const colon = line.indexOf(":");
      if (colon < 1) throw new Error("Each line is tag: patterns — '" + line + "' has no tag.");
      tags[line.slice(0, colon).trim()] = listOf(line.slice(colon + 1));
    }
    await api("PUT", "/cortex/sensitive", { tags }); await cortexPage(container); }),
    el("label", { class: "inline" }, escalate, " Send high-risk work to the best model, whatever its intent's rule says"),
    el("div", { class: "row" }, el("button", { class: "secondary", id: "risk-escalation-save", onclick: guarded(async () => {
      await api("PUT", "/cortex/escalation", { enabled: escalate.checked }); await cortexPage(container); }) }, "Save")));
}

/** Files several tasks or developers changed in the window, and the cross-agent context settings. */
function hotspotsCard(hotspots, context, container) {
  const enabled = el("input", { id: "context-enabled", type: "checkbox", checked: context.enabled });
  const scope = el("select", { id: "context-scope" }, ["org", "team"].map(s => el("option", { selected: s === context.scope }, s)));
  const repos = el("input", { id: "context-repos", value: context.repositories.join(", "), placeholder: "all repositories" });
  const hours = el("input", { id: "context-hours", type: "number", min: "1", max: "720", value: context.windowHours });
  const files = el("input", { id: "context-files", type: "number", min: "1", max: "20", value: context.maxFiles });
  return card("Hot spots and cross-agent context", el("p", { class: "muted" }, "Files that several tasks or developers changed in the last "
      + context.windowHours + " h. A request touching code another task changed gets a note of it, within this scope."),
    hotspots.length ? table([{ title: "File", value: h => el("code", {}, h.repo + ": " + h.file) },
      { title: "Symbols", value: h => h.symbols || "-" }, { title: "Tasks", num: true, value: h => h.tasks },
      { title: "Developers", num: true, value: h => h.developers }, { title: "Teams", value: h => h.teams.join(", ") || "-" },
      { title: "Blast radius", num: true, value: h => h.dependents }, { title: "Council", value: h => h.lastCouncil || "-" },
      { title: "Last change", value: h => when(h.lastChangedAt) }], hotspots, h => ({ "data-hotspot": h.file }))
      : el("p", { class: "muted" }, "No file was changed by more than one task in the window."),
    el("form", { class: "row", onsubmit: guarded(async () => {
      await api("PUT", "/cortex/context", { enabled: enabled.checked, scope: scope.value, windowHours: Number(hours.value),
        maxFiles: Number(files.value), repositories: repos.value.split(",").map(r => r.trim()).filter(Boolean) });
      await cortexPage(container); }) },
      el("label", {}, "Notes on", enabled), el("label", {}, "Scope", scope), el("label", {}, "Repositories", repos),
      el("label", {}, "Window (h)", hours), el("label", {}, "Files per note", files),
      el("button", { id: "context-save" }, "Save")));
}

/** A symbol in the middle, what it depends on to the left, what depends on it to the right; click to move. */
async function drawNeighbourhood(box, repo, file, name) {
  box.replaceChildren(el("div", { class: "loading" }, "Loading…"));
  const n = await api("GET", "/cortex/repos/" + encodeURIComponent(repo) + "/neighbourhood?name=" + encodeURIComponent(name)
    + "&file=" + encodeURIComponent(file));
  const left = n.dependsOn.slice(0, 14), right = n.dependents.slice(0, 14);
  const rows = Math.max(left.length, right.length, 1);
  const width = 960, height = Math.max(160, rows * 34 + 40), cx = width / 2, cy = height / 2;
  const svgNs = "http://www.w3.org/2000/svg";
  const svg = document.createElementNS(svgNs, "svg");
  svg.setAttribute("viewBox", "0 0 " + width + " " + height);
  svg.setAttribute("width", "100%");
  svg.setAttribute("id", "graph-svg");
  const add = (tag, attrs, text) => {
    const node = document.createElementNS(svgNs, tag);
    Object.entries(attrs).forEach(([k, v]) => node.setAttribute(k, v));
    if (text) node.textContent = text;
    svg.append(node);
    return node;
  };
  const column = (symbols, x) => symbols.map((s, i) => ({ s, x, y: (i + 1) * height / (symbols.length + 1) }));
  const nodes = [...column(left, 150), ...column(right, width - 150)];
  nodes.forEach(p => add("line", { x1: cx, y1: cy, x2: p.x, y2: p.y, stroke: "#c5cbe0", "stroke-width": 1.5 }));
  const node = (s, x, y, main) => {
    const g = document.createElementNS(svgNs, "g");
    g.setAttribute("class", "graph-node");
    g.setAttribute("data-symbol", s.name);
    g.style.cursor = main ? "default" : "pointer";
    const label = s.name + (s.kind === "module" ? " (module)" : "");
    const w = Math.min(260, 14 + label.length * 7.2);
    const rect = document.createElementNS(svgNs, "rect");
    Object.entries({ x: x - w / 2, y: y - 13, width: w, height: 26, rx: 13, fill: main ? "#3454d1" : "#fff",
      stroke: "#3454d1" }).forEach(([k, v]) => rect.setAttribute(k, v));
    const text = document.createElementNS(svgNs, "text");
    Object.entries({ x, y: y + 4, "text-anchor": "middle", "font-size": 12, fill: main ? "#fff" : "#1d2330" })
      .forEach(([k, v]) => text.setAttribute(k, v));
    text.textContent = label;
    const title = document.createElementNS(svgNs, "title");
    title.textContent = s.kind + " " + s.name + " — " + s.file + ":" + s.line;
    g.append(rect, text, title);
    if (!main) g.addEventListener("click", () => drawNeighbourhood(box, repo, s.file, s.name));
    svg.append(g);
  };
  nodes.forEach(p => node(p.s, p.x, p.y, false));
  node(n.symbol, cx, cy, true);
  add("text", { x: 150, y: 16, "text-anchor": "middle", "font-size": 11, fill: "#6b7385" }, "depends on (" + n.dependsOn.length + ")");
  add("text", { x: width - 150, y: 16, "text-anchor": "middle", "font-size": 11, fill: "#6b7385" }, "used by (" + n.dependents.length + ")");
  box.replaceChildren(el("p", { class: "muted" }, n.symbol.kind + " " + n.symbol.name + " in " + n.symbol.file + ":" + n.symbol.line
    + " — click a symbol to move to it"), svg);
}
