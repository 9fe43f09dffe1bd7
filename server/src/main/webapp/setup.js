// "Get started": what a new admin needs, in order: a provider (a local Ollama offered first), a first gateway key,
// and the lines to paste into Claude Code, Codex CLI and aider, with this server's address and that key filled in.
// The console opens here while no provider is connected.

async function setupPage(container) {
  const providers = await api("GET", "/providers");
  const origin = location.origin;
  const f = { name: el("input", { id: "setup-provider-name", value: "anthropic" }),
    kind: el("select", { id: "setup-provider-kind" }, ["anthropic", "openai", "ollama"].map(k => el("option", {}, k))),
    url: el("input", { id: "setup-provider-url", placeholder: "default for the kind" }),
    key: el("input", { id: "setup-provider-key", type: "password", placeholder: "not needed for Ollama" }) };
  const ollama = el("button", { type: "button", class: "secondary", id: "setup-ollama", onclick: () => {
    f.name.value = "ollama"; f.kind.value = "ollama"; f.url.value = "http://localhost:11434"; f.key.value = ""; } },
    "Use a local Ollama (http://localhost:11434)");
  const connect = el("form", { class: "row", onsubmit: guarded(async () => {
    const body = { name: f.name.value.trim(), kind: f.kind.value };
    if (f.url.value.trim()) body.baseUrl = f.url.value.trim();
    if (f.key.value) body.apiKey = f.key.value;
    await api("POST", "/providers", body);
    await setupPage(container); }) },
    el("label", {}, "Name", f.name), el("label", {}, "Kind", f.kind), el("label", {}, "Base URL", f.url),
    el("label", {}, "API key", f.key), el("button", { id: "setup-connect" }, "Connect"));
  const keyName = el("input", { id: "setup-key-name", value: "my-laptop" });
  const snippets = el("div", { id: "setup-snippets" }, el("p", { class: "muted" }, "Mint a key to see the lines to paste."));
  const mint = el("form", { class: "row", onsubmit: guarded(async () => {
    const minted = await api("POST", "/keys", { name: keyName.value.trim() || "my-laptop" });
    snippets.replaceChildren(...clientSnippets(origin, minted.key));
  }) }, el("label", {}, "Key name", keyName), el("button", { id: "setup-mint" }, "Mint a gateway key"));
  container.replaceChildren(
    card("1. Connect a model provider", providers.length
      ? el("p", { id: "setup-providers" }, "Connected: " + providers.map(p => p.name + " (" + p.kind + ")").join(", ") + ". Add another below, or go on.")
      : el("p", { class: "muted" }, "Nothing is connected yet: paste a provider's API key, or use a local Ollama."),
      ollama, connect,
      el("p", { class: "muted" }, "Have a Claude Pro/Max or ChatGPT plan? ", el("a", { href: "#providers", id: "setup-subscription" },
        "Connect the subscription"), " with the file Claude Code or Codex CLI keeps, instead of an API key.")),
    card("2. Mint a gateway key", el("p", { class: "muted" }, "Each developer uses a key of their own; it is shown once."), mint),
    card("3. Point your tools at srooter", snippets));
}

/** The lines to paste, with this server's address and the key filled in. */
function clientSnippets(origin, key) {
  const block = (title, text) => el("div", { class: "snippet" }, el("h4", {}, title), el("pre", {}, el("code", {}, text)));
  return [
    el("p", { class: "notice ok" }, "Your key (shown once): ", el("code", { id: "setup-key" }, key)),
    block("Claude Code", "export ANTHROPIC_BASE_URL=" + origin + "/k/" + key + "\nclaude"),
    block("Codex CLI (~/.codex/config.toml)", "model_provider = \"srooter\"\n[model_providers.srooter]\nname = \"srooter\"\n"
      + "base_url = \"" + origin + "/v1\"\nenv_key = \"SROOTER_KEY\"\nwire_api = \"responses\"\n\n# then: export SROOTER_KEY=" + key),
    block("aider", "export OPENAI_API_BASE=" + origin + "/v1\nexport OPENAI_API_KEY=" + key + "\naider --model openai/claude-sonnet-4-5"),
  ];
}
