// Governance: policies (a form per policy from the settings it declares, org-wide and per team or user; JSON for a
// policy that declares none), budgets (org, team, user or key caps) and rate limits (per user or key).

const SCOPES = [["org", "Everyone"], ["teams", "A team"], ["users", "A user"], ["keys", "A key (id)"]];

/** Where a scope's settings live under a base path: org at the base, the others under their kind and subject. */
const scopedPath = (base, scope, subject) => scope === "org" ? base : base + "/" + scope + "/" + encodeURIComponent(subject);

function scopeFields(prefix, allowKeys) {
  const scope = el("select", { id: prefix + "-scope" }, SCOPES.filter(([s]) => allowKeys || s !== "keys").map(([v, t]) => el("option", { value: v }, t)));
  const subject = el("input", { id: prefix + "-subject", placeholder: "name" });
  const sync = () => { subject.required = scope.value !== "org"; subject.closest("label").hidden = scope.value === "org"; };
  scope.addEventListener("change", sync);
  return { scope, subject, fields: [field("Applies to", scope), field("Team, user or key", subject)], sync };
}

async function policiesPage(container) {
  const policies = await api("GET", "/policies");
  container.replaceChildren(...policies.map(p => policyCard(p, () => policiesPage(container))));
  container.querySelectorAll("[data-sync]").forEach(x => x.dispatchEvent(new Event("change")));
}

function policyCard(p, redraw) {
  const where = scopeFields("policy-" + p.name, false);
  where.scope.setAttribute("data-sync", "");
  const inputs = p.schema.map(spec => ({ spec, input: settingInput(p.name, spec) }));
  const json = p.schema.length ? null : el("textarea", { id: "policy-" + p.name, "aria-label": p.name + " settings (JSON)" }, "{}");
  const current = s => s ? JSON.stringify(s.settings) : "";
  const fill = setting => { for (const { spec, input } of inputs) setValue(spec, input, setting ? setting.settings[spec.name] : undefined);
    if (json) json.value = setting ? JSON.stringify(setting.settings, null, 2) : "{}"; };
  const load = () => fill(p.settings.find(s => (s.scope === "org" && where.scope.value === "org")
    || (s.scope === where.scope.value.replace(/s$/, "") && s.subject === where.subject.value.trim())));
  where.scope.addEventListener("change", load);
  where.subject.addEventListener("change", load);
  const form = actionForm("policy-form-" + p.name, [...where.fields, ...inputs.map(({ spec, input }) => field(spec.label, input, spec.description)),
    json ? field("Settings (JSON: this policy describes none)", json) : null,
    el("button", { "data-policy": p.name }, "Save")], async () => {
    let settings = {};
    if (json) {
      try { settings = JSON.parse(json.value); } catch (e) { throw new Error("Not valid JSON: " + e.message); }
    } else {
      for (const { spec, input } of inputs) { const v = readValue(spec, input); if (v !== undefined) settings[spec.name] = v; }
    }
    await api("PUT", scopedPath("/policies/" + p.name, where.scope.value, where.subject.value.trim()), settings);
    await redraw();
    document.getElementById("policy-form-" + p.name).append(notice("Saved: applies from the next request.", true));
  });
  const rows = p.settings;
  const section = card(p.name + "  ·  order " + p.order + (p.plugin ? "  ·  " + p.plugin : ""),
    p.description ? el("p", { class: "muted" }, p.description) : null,
    rows.length ? table([{ title: "Applies to", value: s => s.scope === "org" ? "everyone" : s.scope + " " + s.subject },
      { title: "Settings", value: s => el("code", {}, current(s)) },
      { title: "", value: s => [el("button", { class: "secondary", type: "button", onclick: () => {
          where.scope.value = s.scope === "org" ? "org" : s.scope + "s"; where.subject.value = s.subject || ""; where.sync(); load(); } }, "Edit"), " ",
        dangerButton("Clear", "Clear the " + p.name + " settings of " + (s.scope === "org" ? "everyone" : s.scope + " " + s.subject) + "?", async () => {
          await api("DELETE", scopedPath("/policies/" + p.name, s.scope === "org" ? "org" : s.scope + "s", s.subject)); await redraw(); },
          { "data-clear-policy": p.name + ":" + s.scope + ":" + (s.subject || "") })] }], rows, s => ({ "data-setting": p.name + ":" + s.scope }))
      : el("p", { class: "muted" }, "Not set: the policy lets everything through."), form);
  load();
  return section;
}

function settingInput(policy, spec) {
  const id = "policy-" + policy + "-" + spec.name;
  switch (spec.type) {
    case "INTEGER": return el("input", { id, type: "number", step: "1", min: spec.min ?? "" });
    case "FLAG": return el("input", { id, type: "checkbox" });
    case "CHOICE": return el("select", { id }, el("option", { value: "" }, "(not set)"), spec.choices.map(c => el("option", {}, c)));
    case "CHOICE_LIST": return el("select", { id, multiple: true, size: Math.min(6, spec.choices.length) }, spec.choices.map(c => el("option", {}, c)));
    default: return el("input", { id, placeholder: "comma-separated" });
  }
}

function setValue(spec, input, value) {
  if (spec.type === "FLAG") input.checked = value === true;
  else if (spec.type === "CHOICE_LIST") [...input.options].forEach(o => { o.selected = Array.isArray(value) && value.includes(o.value); });
  else if (spec.type === "TEXT_LIST") input.value = Array.isArray(value) ? value.join(", ") : "";
  else input.value = value ?? "";
}

/** The value to save, or undefined to leave the setting out. */
function readValue(spec, input) {
  switch (spec.type) {
    case "INTEGER": return input.value === "" ? undefined : Number(input.value);
    case "FLAG": return input.checked ? true : undefined;
    case "CHOICE": return input.value || undefined;
    case "CHOICE_LIST": { const v = [...input.selectedOptions].map(o => o.value); return v.length ? v : undefined; }
    default: { const v = listOf(input.value); return v.length ? v : undefined; }
  }
}

async function budgetPage(container) {
  const [budgets, limits] = await Promise.all([api("GET", "/budgets"), api("GET", "/limits")]);
  const org = budgets.find(b => b.id === "org");
  const where = scopeFields("budget", true);
  const limit = el("input", { id: "org-limit", type: "number", step: "0.01", min: "0", required: true, value: org ? org.limitUsd : "" });
  const period = el("select", { id: "org-period" }, ["monthly", "weekly", "daily"].map(p => el("option", { selected: org && org.period === p }, p)));
  const hard = el("input", { id: "budget-hard", type: "checkbox", checked: org && org.hardStop });
  const daily = org ? await api("GET", "/budgets/org/daily?days=30") : {};
  const days = Object.entries(daily).map(([day, cost]) => ({ day, costUsd: cost }));
  const redraw = () => budgetPage(container);
  const capPath = b => "/budgets/" + (b.scope === "org" ? "org" : b.scope + "s/" + encodeURIComponent(b.subject));
  container.replaceChildren(
    card("Set a cap", actionForm("budget-form", [...where.fields, field("Limit (USD)", limit), field("Period", period),
      field("Hard stop", hard, "Refuse requests once spent, instead of moving them to cheaper models."), el("button", { id: "org-save" }, "Set cap")], async () => {
      await api("PUT", where.scope.value === "org" ? "/budgets/org" : scopedPath("/budgets", where.scope.value, where.subject.value.trim()),
        { limitUsd: Number(limit.value), period: period.value, hardStop: hard.checked });
      await redraw(); }),
      el("p", { class: "muted" }, "Above a cap, requests move down each model's fallback chain to cheaper models, down to free ones; a hard stop refuses instead when no free model is in the chain.")),
    card("Caps and spend", budgets.length ? pagedTable("budgets-table", [{ title: "Cap", value: b => b.id }, { title: "Period", value: b => b.period },
      { title: "Limit", num: true, value: b => usd(b.limitUsd) }, { title: "Spent", num: true, value: b => usd(b.spentUsd) },
      { title: "Held", num: true, value: b => usd(b.reservedUsd) }, { title: "Left", num: true, value: b => usd(b.remainingUsd) },
      { title: "Hard stop", value: b => b.hardStop ? "yes" : "no" },
      { title: "", value: b => dangerButton("Remove", "Remove the cap " + b.id + "? Spending under it is no longer limited.", async () => {
        await api("DELETE", capPath(b)); await redraw(); }, { "data-remove-cap": b.id }) }], budgets) : el("p", { class: "muted" }, "No caps set.")),
    limitsCard(limits, redraw),
    card("Org spend per day", lineChart(days, "costUsd", "USD", 30)));
  where.sync();
}

/** Rate limits per user or key: requests and tokens per minute. */
function limitsCard(limits, redraw) {
  const kind = el("select", { id: "limit-kind" }, el("option", { value: "users" }, "A user"), el("option", { value: "keys" }, "A key (id)"));
  const subject = el("input", { id: "limit-subject", required: true });
  const rpm = el("input", { id: "limit-rpm", type: "number", min: "1", step: "1" });
  const tpm = el("input", { id: "limit-tpm", type: "number", min: "1", step: "1" });
  return card("Rate limits", limits.length ? table([{ title: "Applies to", value: l => l.id }, { title: "Requests / min", num: true, value: l => l.requestsPerMinute ?? "-" },
    { title: "Tokens / min", num: true, value: l => l.tokensPerMinute ?? "-" },
    { title: "", value: l => dangerButton("Remove", "Remove the rate limit of " + l.id + "?", async () => {
      const [k, ...rest] = l.id.split(":");
      await api("DELETE", "/limits/" + (k === "user" ? "users/" : "keys/") + encodeURIComponent(rest.join(":"))); await redraw(); }, { "data-remove-limit": l.id }) }], limits)
    : el("p", { class: "muted" }, "No rate limits."),
    actionForm("limit-form", [field("Applies to", kind), field("User or key id", subject), field("Requests per minute", rpm),
      field("Tokens per minute", tpm), el("button", { id: "limit-save" }, "Set limit")], async () => {
      if (!rpm.value && !tpm.value) throw new Error("Set requests or tokens per minute, or both.");
      await api("PUT", "/limits/" + kind.value + "/" + encodeURIComponent(subject.value.trim()),
        { requestsPerMinute: rpm.value ? Number(rpm.value) : null, tokensPerMinute: tpm.value ? Number(tpm.value) : null });
      await redraw(); }),
    el("div", { class: "row" }, el("button", { class: "secondary", id: "limit-counts", onclick: guarded(async () => {
      await api("DELETE", "/limits/counts"); }) }, "Forget this minute's counts")));
}
