// The audit page's second half: where audit records go besides the database (sink plugins, admins only), and the
// log of every change made through the admin API (admins and auditors).

async function auditSinksCard() {
  const sinks = await api("GET", "/audit/sinks");
  const row = s => {
    if (s.name === "database") return el("span", { class: "muted" }, "always on: the audit queries read it");
    const enabled = el("input", { type: "checkbox", checked: s.enabled, "aria-label": "Send records to " + s.name, id: "sink-enabled-" + s.name });
    const settings = el("textarea", { rows: 2, id: "sink-settings-" + s.name, "aria-label": s.name + " settings (JSON)" }, JSON.stringify(s.settings || {}));
    // one made-up record (sink-test-..., in no database) sent now with the saved settings: does the receiver take it?
    const test = el("button", { type: "button", class: "secondary", "data-sink-test": s.name,
      onclick: guarded(async () => {
        const sent = await api("POST", "/audit/sinks/" + encodeURIComponent(s.name) + "/test");
        document.getElementById("sink-form-" + s.name).append(notice("Delivered a test record, " + sent.id + ".", true));
      }, null) }, "Send a test record");
    return actionForm("sink-form-" + s.name, [field("On", enabled), field("Settings (JSON object; secrets show masked: leave them)", settings),
      el("button", { "data-sink": s.name }, "Save"), test], async () => {
      let parsed;
      try { parsed = JSON.parse(settings.value || "{}"); } catch (e) { throw new Error("Settings are not valid JSON: " + e.message); }
      if (typeof parsed !== "object" || Array.isArray(parsed) || parsed === null) throw new Error("Settings are a JSON object.");
      await api("PUT", "/audit/sinks/" + encodeURIComponent(s.name), { enabled: enabled.checked, settings: parsed });
      document.getElementById("sink-form-" + s.name).append(notice("Saved: records go there from the next batch.", true)); },
      () => enabled.checked ? "Send every audit record to " + s.name + " from now on?" : "Stop sending audit records to " + s.name + "?");
  };
  return card("Audit sinks", el("p", { class: "muted" }, "Every record is kept in the database; sink plugins send a copy elsewhere (a JSON Lines file, syslog to a SIEM). A sink that falls 20,000 records behind drops its oldest."),
    table([{ title: "Sink", value: s => s.name }, { title: "Installed", value: s => s.installed ? "yes" : "no" },
      { title: "State", value: s => el("span", { class: "status" + (s.enabled ? "" : " s4") }, s.enabled ? "on" : "off") },
      { title: "Behind", value: s => s.name === "database" ? "" : el("span", { "data-sink-behind": s.name,
        title: "records waiting for this sink, and records it missed since the node started (the database has them)" },
        (s.waiting || 0) + " waiting" + (s.dropped ? ", " + s.dropped + " dropped" : "")) },
      { title: "", value: row }], sinks, s => ({ "data-sink-row": s.name })));
}

async function adminChangesCard() {
  const events = await api("GET", "/audit/admin?limit=200");
  return card("Admin changes", el("p", { class: "muted" }, "Every change made through the admin API, by whom; kept like the audit records."),
    pagedTable("admin-changes", [{ title: "When", value: e => when(e.at) }, { title: "Who", value: e => e.username + " (" + e.role + ")" },
      { title: "Change", value: e => el("code", {}, e.method + " " + e.path) }, { title: "Status", value: e => statusTag(e.status) },
      { title: "Detail", value: e => e.detail || "" }], events));
}
