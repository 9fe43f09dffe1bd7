// Routing: at a glance (the trivial-task model, the classifier, the council, the fallback chains, as the product
// shows them side by side), then each part's settings: the classifier (and the model it asks), the rules per
// intent, fallback chains, learned routes, the council, the task guard, circuits and (admins) model aliases.

async function routingPage(container) {
  const admin = state.me.role === "admin";
  const [rules, chains, classifier, council, learned, derived, guards, circuits, aliases, models] = await Promise.all([api("GET", "/routing/rules"),
    api("GET", "/routing/chains"), api("GET", "/routing/classifier"), api("GET", "/routing/council"), api("GET", "/routing/learned"),
    api("GET", "/routing/derived-chains"), api("GET", "/routing/task-guard"), api("GET", "/routing/circuits"),
    admin ? api("GET", "/aliases") : Promise.resolve(null), admin ? api("GET", "/models") : Promise.resolve([])]);
  const deriving = el("input", { id: "derive-chains", type: "checkbox", checked: derived.enabled });
  deriving.addEventListener("change", guarded(async () => {
    await api("PUT", "/routing/derived-chains", { enabled: deriving.checked }); await routingPage(container); }, container));
  const who = r => r.intent + (r.team ? " for team " + r.team : "");
  const ruleInputs = rules.rules.map(r => ({ rule: r,
    target: el("input", { value: r.target, "data-intent": r.intent + (r.team ? ":" + r.team : ""), class: "rule-target", "aria-label": "Target of " + who(r) }),
    council: el("input", { type: "checkbox", checked: !!r.council, "aria-label": "Council reviews " + who(r) }),
    candidates: el("input", { value: (r.candidates || []).join(", "), "data-intent": r.intent + (r.team ? ":" + r.team : ""), "aria-label": "Candidates of " + who(r),
      class: "rule-candidates", placeholder: "for learned: two models or more" }),
    min: el("input", { type: "number", step: "0.05", min: "0", max: "1", value: r.minConfidence, "aria-label": "Minimum confidence of " + who(r) }) }));
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
      if (!confirm("Replace every rule with srooter's defaults?")) return;
      await api("DELETE", "/routing/rules"); await routingPage(container); }) }, "Back to srooter defaults")));
  const select = el("select", { id: "classifier" }, [...classifier.available, "none"].map(n => el("option", { selected: n === classifier.name }, n)));
  const classifierModel = el("input", { id: "classifier-model", value: classifier.model || "", placeholder: "provider/model", list: "served-models" });
  const classifierTimeout = el("input", { id: "classifier-timeout", type: "number", min: "50", max: "1900", value: classifier.timeoutMs || 800 });
  const asksModel = () => select.value !== "local" && select.value !== "none";
  const showModel = () => { classifierModel.required = asksModel(); classifierModel.closest("label").hidden = !asksModel();
    classifierTimeout.closest("label").hidden = !asksModel(); };
  const chainModel = el("input", { id: "chain-model", placeholder: "claude-sonnet-4-5" });
  const chainSteps = el("input", { id: "chain-steps", placeholder: "anthropic/claude-haiku-4-5, local/qwen3-coder" });
  const classifierForm = actionForm("classifier-form", [field("Classifier", select, "local: srooter's own, no model call; llm: a model reads each task's first request."),
    field("Model", classifierModel, "The model the classifier asks (a cheap, fast one)."), field("Time limit (ms)", classifierTimeout, "50 to 1900; past it the request goes on unclassified."),
    el("button", { id: "classifier-use" }, "Use")], async () => {
    await api("PUT", "/routing/classifier", asksModel() ? { name: select.value, model: classifierModel.value.trim(), timeoutMs: Number(classifierTimeout.value) } : { name: select.value });
    await routingPage(container); });
  select.addEventListener("change", showModel);
  container.replaceChildren(
    overviewCard(rules, classifier, council, chains, derived),
    card("Intent classifier", classifierForm, el("datalist", { id: "served-models" }, models.map(m => el("option", { value: m.qualifiedName })))),
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
    learnedCard(learned, container), councilCard(council, ruleInputs, container), await councilReviews(),
    guardCard(guards, container), circuitsCard(circuits, container), admin ? aliasesCard(aliases, container) : null);
  showModel();
}


/** The product's own picture: trivial-task model, classifier, council members and chains, together. */
function overviewCard(rules, classifier, council, chains, derived) {
  const trivial = rules.rules.find(r => r.intent === "trivial" && !r.team);
  const chainCount = Object.keys(chains).length + (derived.enabled ? Object.keys(derived.chains).length : 0);
  const tile = (id, label, value, sub) => el("section", { class: "card kpi", id }, el("div", { class: "sub" }, label),
    el("div", { class: "value small" }, value), sub ? el("div", { class: "muted" }, sub) : null);
  return el("div", { class: "grid", id: "routing-overview" },
    tile("overview-trivial", "Trivial-task model", trivial ? trivial.target : "requested", "where trivial work goes"),
    tile("overview-classifier", "Intent classifier", classifier.name, classifier.model ? "asks " + classifier.model : "no model call"),
    tile("overview-council", "Council members", council.members.length ? council.members.join(", ") : "none", council.rule),
    tile("overview-chains", "Fallback chains", String(chainCount), Object.keys(chains).length + " set, "
      + (derived.enabled ? Object.keys(derived.chains).length + " derived" : "derived off")));
}

/** The task guard: an agent loop that runs past its turns or its spend is stopped or sent to a cheaper model. */
function guardCard(guards, container) {
  const rows = Object.entries(guards).map(([scope, g]) => ({ scope, g }));
  const team = el("input", { id: "guard-team", placeholder: "empty: everyone" });
  const turns = el("input", { id: "guard-turns", type: "number", min: "1", placeholder: "200" });
  const usd = el("input", { id: "guard-usd", type: "number", min: "0", step: "0.01", placeholder: "20" });
  const action = el("select", { id: "guard-action" }, ["warn", "downgrade", "stop"].map(a => el("option", {}, a)));
  return card("Task guard", el("p", { class: "muted" }, "Stops runaway agent loops: a task past its turns or its spend is warned about, moved to a cheaper model, or stopped."),
    rows.length ? table([{ title: "Scope", value: r => r.scope }, { title: "Max turns", num: true, value: r => r.g.maxTurns ?? "-" },
      { title: "Max USD", num: true, value: r => r.g.maxUsd ?? "-" }, { title: "Then", value: r => r.g.action },
      { title: "", value: r => dangerButton("Remove", "Remove the task guard of " + r.scope + "?", async () => {
        await api("DELETE", "/routing/task-guard" + (r.scope.startsWith("team:") ? "/teams/" + encodeURIComponent(r.scope.slice(5)) : ""));
        await routingPage(container); }) }], rows) : el("p", { class: "muted" }, "No guard set."),
    actionForm("guard-form", [field("Team", team), field("Max turns", turns), field("Max USD per task", usd), field("Then", action),
      el("button", { id: "guard-save" }, "Set guard")], async () => {
      const body = { maxTurns: turns.value ? Number(turns.value) : null, maxUsd: usd.value ? Number(usd.value) : null, action: action.value };
      await api("PUT", "/routing/task-guard" + (team.value.trim() ? "/teams/" + encodeURIComponent(team.value.trim()) : ""), body);
      await routingPage(container); }));
}

/** Providers whose circuit is open (skipped after repeated failures) or half-open (on trial). */
function circuitsCard(circuits, container) {
  const open = Object.entries(circuits);
  return card("Circuits", open.length ? table([{ title: "Provider", value: ([id]) => id }, { title: "State", value: ([, s]) => JSON.stringify(s) }], open)
    : el("p", { class: "muted", id: "circuits-none" }, "Every provider's circuit is closed."),
    el("div", { class: "row" }, el("button", { class: "secondary", id: "circuits-close", onclick: guarded(async () => {
      await api("DELETE", "/routing/circuits"); await routingPage(container); }) }, "Close every circuit (try the providers again)")));
}

/** Aliases: a name clients send (with * for any text) that srooter serves with another model. */
function aliasesCard(aliases, container) {
  const pattern = el("input", { id: "alias-pattern", required: true, placeholder: "claude-3-5-sonnet-*" });
  const target = el("input", { id: "alias-target", required: true, placeholder: "anthropic/claude-sonnet-4-5", list: "served-models" });
  return card("Model aliases", aliases.length ? table([{ title: "Clients ask for", value: a => el("code", {}, a.pattern) },
    { title: "Served by", value: a => a.target },
    { title: "", value: a => dangerButton("Remove", "Remove the alias " + a.pattern + "? Clients asking for it get 404 again.", async () => {
      await api("DELETE", "/aliases/" + encodeURIComponent(a.pattern)); await routingPage(container); }, { "data-alias": a.pattern }) }], aliases)
    : el("p", { class: "muted" }, "No aliases."),
    actionForm("alias-form", [field("Clients ask for", pattern, "A model name, * for any text."), field("Served by", target),
      el("button", { id: "alias-save" }, "Add alias")], async () => {
      await api("POST", "/aliases", { pattern: pattern.value.trim(), target: target.value.trim() }); await routingPage(container); }));
}
