// Providers: accounts with an API key, subscriptions (Claude Pro/Max, a ChatGPT plan) imported from the file the
// vendor's own tool keeps, each account's health and credentials ("needs sign-in" when a subscription cannot be
// renewed), and every model with where its price and abilities come from.

async function providersPage(container) {
  const [providers, kinds, models] = await Promise.all([api("GET", "/providers"), api("GET", "/provider-kinds"), api("GET", "/models")]);
  const f = { name: el("input", { id: "provider-name" }), kind: el("select", { id: "provider-kind" }, kinds.map(k => el("option", {}, k.kind))),
    baseUrl: el("input", { id: "provider-url", placeholder: "default for the kind" }), apiKey: el("input", { id: "provider-key", type: "password" }) };
  const form = el("form", { class: "row" }, el("label", {}, "Name", f.name), el("label", {}, "Kind", f.kind),
    el("label", {}, "Base URL", f.baseUrl), el("label", {}, "API key", f.apiKey), el("button", {}, "Add provider"));
  const section = card("Add a provider", form);
  form.addEventListener("submit", guarded(async () => {
    const body = { name: f.name.value, kind: f.kind.value };
    if (f.baseUrl.value) body.baseUrl = f.baseUrl.value;
    if (f.apiKey.value) body.apiKey = f.apiKey.value;
    await api("POST", "/providers", body);
    await providersPage(container);
  }, section));
  container.replaceChildren(section, subscriptionCard(providers, () => providersPage(container)),
    card("Providers", table([{ title: "Name", value: p => p.name }, { title: "Kind", value: p => p.kind },
      { title: "Address", value: p => el("code", {}, p.baseUrl) },
      { title: "Models", num: true, value: p => (p.models || []).length },
      { title: "Credentials", value: p => (p.credentials || []).map(credentialTag) },
      { title: "Health", value: p => p.health ? healthCell(p.health) : "-" },
      { title: "", value: p => el("button", { class: "secondary", onclick: guarded(async () => {
        await api("POST", "/providers/" + p.id + "/refresh"); await providersPage(container); }, container) }, "Refresh models") }],
      providers, p => ({ "data-provider": p.name }))),
    card("Models and prices", el("p", { class: "muted" }, "Prices and abilities come from an admin's override, then the provider's listing, "
      + "then srooter's catalogue. A price nobody knows is held against budgets at its provider's dearest price until you set one."),
      table([{ title: "Provider", value: m => m.provider }, { title: "Model", value: m => m.id },
      { title: "Input $/M", num: true, value: m => m.inputPerMTok ?? (m.heldInputPerMTok != null ? "held at " + m.heldInputPerMTok : "-") },
      { title: "Output $/M", num: true, value: m => m.outputPerMTok ?? (m.heldOutputPerMTok != null ? "held at " + m.heldOutputPerMTok : "-") },
      { title: "Price from", value: m => m.priceSource },
      { title: "Tools", value: m => m.capabilities && m.capabilities.known ? (m.capabilities.tools ? "yes" : "no") : "unknown" },
      { title: "Context", num: true, value: m => m.capabilities && m.capabilities.contextWindow || "-" }], models)));
}

function credentialTag(c) {
  const cls = c.state === "ok" ? "status" : c.state === "cooling" ? "status s4" : "status s5";
  const what = c.kind === "subscription" ? "subscription" : "key";
  const detail = c.kind === "subscription" && c.expiresAt ? ", token until " + when(c.expiresAt) : "";
  return el("div", {}, el("span", { class: cls, title: c.reason || "" }, what + " " + c.hint + ": " + c.state),
    el("span", { class: "muted" }, detail));
}

function healthCell(h) {
  const parts = [];
  if (h.needsSignIn) parts.push(el("span", { class: "status s5 needs-sign-in", title: h.needsSignIn }, "needs sign-in"), " ");
  parts.push(el("span", { class: "status" + (h.reachable === false ? " s5" : "") }, h.reachable === false ? "unreachable" : "reachable"), " ",
    el("span", { class: "muted" }, (h.calls || 0) + " calls, " + Math.round(100 * (h.errorRate || 0)) + "% errors"
      + (h.lastDiscoveryAt ? ", models listed " + when(h.lastDiscoveryAt) : "")));
  return parts;
}

/** Import a subscription: upload or paste the credential file; into a new account, or an existing one after signing in again. */
function subscriptionCard(providers, redraw) {
  const into = el("select", { id: "subscription-into" }, el("option", { value: "" }, "a new provider"),
    providers.filter(p => p.kind === "anthropic" || p.kind === "chatgpt").map(p => el("option", { value: p.id }, p.name + " (sign in again)")));
  const file = el("input", { id: "subscription-file", type: "file", accept: ".json,application/json" });
  const text = el("textarea", { id: "subscription-text", rows: 4, placeholder: "{\"claudeAiOauth\": {...}}  or  {\"tokens\": {...}}" });
  const name = el("input", { id: "subscription-name", placeholder: "claude-max or chatgpt" });
  const url = el("input", { id: "subscription-url", placeholder: "the vendor's address" });
  const form = el("form", { class: "row" }, el("label", {}, "Into", into), el("label", {}, "Name", name),
    el("label", {}, "Base URL", url), el("label", {}, "Credential file", file), el("label", { class: "wide" }, "or paste it", text),
    el("button", { id: "subscription-import" }, "Import subscription"));
  const section = card("Connect a subscription",
    el("p", { class: "muted" }, "Claude Pro or Max: the file Claude Code keeps after you sign in, ~/.claude/.credentials.json "
      + "(on macOS: security find-generic-password -s \"Claude Code-credentials\" -w). A ChatGPT plan: Codex CLI's ~/.codex/auth.json "
      + "after signing in with ChatGPT. srooter renews the tokens itself; read docs/providers.md for what each vendor's terms allow."), form);
  form.addEventListener("submit", guarded(async () => {
    const content = file.files.length ? await file.files[0].text() : text.value;
    if (!content.trim()) throw new Error("Choose the credential file, or paste its content.");
    const body = { file: content };
    if (into.value) {
      await api("POST", "/providers/" + into.value + "/subscription", body);
    } else {
      if (name.value.trim()) body.name = name.value.trim();
      if (url.value.trim()) body.baseUrl = url.value.trim();
      await api("POST", "/providers/subscriptions", body);
    }
    await redraw();
  }, section));
  return section;
}
