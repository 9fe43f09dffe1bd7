// Providers: accounts with an API key, subscriptions (Claude Pro/Max, a ChatGPT plan) imported from the file the
// vendor's own tool keeps, each account's health and credentials ("needs sign-in" when a subscription cannot be
// renewed), and every model with where its price and abilities come from.

async function providersPage(container) {
  const [providers, kinds, models] = await Promise.all([api("GET", "/providers"), api("GET", "/provider-kinds"), api("GET", "/models")]);
  const f = { name: el("input", { id: "provider-name" }), kind: el("select", { id: "provider-kind" }, kinds.map(k => el("option", {}, k.kind))),
    baseUrl: el("input", { id: "provider-url", placeholder: "default for the kind" }), apiKey: el("input", { id: "provider-key", type: "password" }) };
  const form = el("form", { class: "row" }, el("label", {}, "Name", f.name), el("label", {}, "Kind", f.kind),
    el("label", {}, "Base URL", f.baseUrl), el("label", {}, "API key", f.apiKey), el("button", { id: "provider-add" }, "Add provider"));
  const section = card("Add a provider", form);
  form.addEventListener("submit", guarded(async () => {
    const body = { name: f.name.value, kind: f.kind.value };
    if (f.baseUrl.value) body.baseUrl = f.baseUrl.value;
    if (f.apiKey.value) body.apiKey = f.apiKey.value;
    await api("POST", "/providers", body);
    await providersPage(container);
  }, section));
  const redraw = () => providersPage(container);
  container.replaceChildren(section, subscriptionCard(providers, redraw), discoverCard(redraw),
    card("Providers", table([{ title: "Name", value: p => p.name }, { title: "Kind", value: p => p.kind },
      { title: "Address", value: p => el("code", {}, p.baseUrl) },
      { title: "Models", num: true, value: p => (p.models || []).length },
      { title: "Credentials", value: p => (p.credentials || []).map(credentialTag) },
      { title: "Health", value: p => p.health ? healthCell(p.health) : "-" },
      { title: "", value: p => [el("button", { class: "secondary", onclick: guarded(async () => {
        await api("POST", "/providers/" + p.id + "/refresh"); await providersPage(container); }, container) }, "Refresh models"), " ",
        el("button", { class: "secondary", "data-manage": p.name, onclick: () => manage(p) }, "Credentials…"), " ",
        dangerButton("Remove", "Remove provider " + p.name + "? Its models stop being served at once; its credentials are deleted.",
          async () => { await api("DELETE", "/providers/" + p.id); await redraw(); }, { "data-remove-provider": p.name })] }],
      providers, p => ({ "data-provider": p.name }))),
    el("div", { id: "provider-manage" }),
    card("Models and prices", el("p", { class: "muted" }, "Prices and abilities come from an admin's override, then the provider's listing, "
      + "then srooter's catalogue. A price nobody knows is held against budgets at its provider's dearest price until you set one."),
      pagedTable("models-table", [{ title: "Provider", value: m => m.provider }, { title: "Model", value: m => m.id },
      { title: "Input $/M", num: true, value: m => m.inputPerMTok ?? (m.heldInputPerMTok != null ? "held at " + m.heldInputPerMTok : "-") },
      { title: "Output $/M", num: true, value: m => m.outputPerMTok ?? (m.heldOutputPerMTok != null ? "held at " + m.heldOutputPerMTok : "-") },
      { title: "Price from", value: m => m.priceSource },
      { title: "Tools", value: m => m.capabilities && m.capabilities.known ? (m.capabilities.tools ? "yes" : "no") : "unknown" },
      { title: "Context", num: true, value: m => m.capabilities && m.capabilities.contextWindow || "-" },
      { title: "", value: m => m.status === "active" ? el("button", { class: "secondary", "data-price": m.qualifiedName,
        onclick: () => priceForm(m, redraw) }, "Edit price…") : m.status }], models, m => ({ "data-model": m.qualifiedName })),
      el("div", { id: "price-form" })));

  /** An account's credentials: add a key, replace one (rotate), remove one, put all back in service. */
  function manage(p) {
    const key = el("input", { id: "credential-new", type: "password", required: true });
    const rows = (p.credentials || []).map(c => ({ c }));
    const replace = c => { const input = el("input", { type: "password", required: true, "aria-label": "New key replacing " + c.hint, size: 14 });
      return actionForm("rotate-" + c.id, [input, el("button", { class: "secondary" }, "Replace")], async () => {
        await api("POST", "/providers/" + p.id + "/credentials", { apiKey: input.value.trim() });
        await api("DELETE", "/providers/" + p.id + "/credentials/" + c.id);
        await redraw(); manageAgain(p.name); }, () => "Replace key " + c.hint + " of " + p.name + "? The old key is forgotten."); };
    document.getElementById("provider-manage").replaceChildren(card("Credentials of " + p.name,
      table([{ title: "Credential", value: x => credentialTag(x.c) },
        { title: "Rotate", value: x => x.c.kind === "key" ? replace(x.c) : "import a new file above" },
        { title: "", value: x => dangerButton("Remove", "Remove credential " + x.c.hint + " of " + p.name + "?", async () => {
          await api("DELETE", "/providers/" + p.id + "/credentials/" + x.c.id); await redraw(); manageAgain(p.name); }, { "data-remove-credential": x.c.hint }) }], rows),
      actionForm("credential-add", [field("Another key", key, "Requests take turns over an account's keys."),
        el("button", { id: "credential-add-button" }, "Add key")], async () => {
        await api("POST", "/providers/" + p.id + "/credentials", { apiKey: key.value.trim() }); await redraw(); manageAgain(p.name); }),
      el("div", { class: "row" }, el("button", { class: "secondary", id: "credentials-reset", onclick: guarded(async () => {
        await api("POST", "/providers/" + p.id + "/credentials/reset"); await redraw(); manageAgain(p.name); }) },
        "Put every credential back in service"))));
    key.focus();
  }

  function manageAgain(name) {
    const button = document.querySelector("[data-manage='" + name + "']");
    if (button) button.click();
  }
}

/** An admin's price and context window for a model, over the listing's and the catalogue's. */
function priceForm(m, redraw) {
  const number = (id, value, step) => el("input", { id, type: "number", min: "0", step: step || "0.001", value: value ?? "" });
  const f = { input: number("price-input", m.inputPerMTok), output: number("price-output", m.outputPerMTok),
    cacheRead: number("price-cache-read", m.cacheReadPerMTok), cacheWrite: number("price-cache-write", m.cacheWritePerMTok),
    context: number("price-context", m.capabilities && m.capabilities.contextWindow, "1") };
  const value = input => input.value === "" ? null : Number(input.value);
  document.getElementById("price-form").replaceChildren(card("Price of " + m.qualifiedName + " (USD per million tokens)",
    actionForm("price-edit", [field("Input", f.input), field("Output", f.output), field("Cache read", f.cacheRead),
      field("Cache write", f.cacheWrite), field("Context window (tokens)", f.context, "Empty keeps the provider's or catalogue's."),
      el("button", { id: "price-save" }, "Save price")], async () => {
      await api("PUT", "/providers/" + m.providerId + "/models/" + m.id, { inputPerMTok: value(f.input), outputPerMTok: value(f.output),
        cacheReadPerMTok: value(f.cacheRead), cacheWritePerMTok: value(f.cacheWrite), contextWindow: value(f.context) });
      await redraw(); })));
  f.input.focus();
}

/** Look for a local Ollama now, where srooter looks by itself or at another address. */
function discoverCard(redraw) {
  const url = el("input", { id: "discover-url", type: "url", placeholder: "http://gpu-box:11434 (empty: where srooter looks)" });
  return card("Find a local Ollama", actionForm("discover-form", [field("Address", url), el("button", { id: "discover" }, "Look now")], async () => {
    const found = await api("POST", "/providers/discover", url.value.trim() ? { url: url.value.trim() } : {});
    if (found && found.found === false) throw new Error("No new Ollama answers at " + found.url + ".");
    await redraw(); }));
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
