// Learned routes on the Routing page (GET /api/routing/learned): per context, each candidate's estimated success,
// cost and evidence, what the learner chooses and why; the admin's settings, pins and resets.

function learnedCard(learned, container) {
  const s = learned.settings;
  const enabled = el("input", { id: "learned-enabled", type: "checkbox", checked: s.enabled });
  const share = el("input", { id: "learned-explore", type: "number", min: "0", max: "0.5", step: "0.05", value: s.exploreShare });
  const floor = el("input", { id: "learned-floor", type: "number", min: "0.5", max: "1", step: "0.01", value: s.qualityFloor });
  const security = el("input", { id: "learned-explore-security", type: "checkbox", checked: s.exploreSecurity });
  const highRisk = el("input", { id: "learned-explore-high-risk", type: "checkbox", checked: s.exploreHighRisk });
  const pct = v => (Math.round(v * 1000) / 10) + "%";
  const rows = learned.contexts.map(c => {
    const pin = el("select", { "data-pin": c.context, "aria-label": "Model pinned for " + c.context }, el("option", { value: "" }, "learner chooses"),
      c.candidates.map(m => el("option", { value: m.model, selected: m.model === c.pinned }, m.model)));
    return { c, pin };
  });
  return card("Learned routes", el("p", { class: "muted" }, "A rule with target learned lets srooter choose among its candidates, "
      + "from outcomes (feedback, retries, aborts, tool errors, council verdicts, fallbacks): the most success per dollar within "
      + "the quality floor of the best candidate."),
    el("form", { class: "row", onsubmit: guarded(async () => {
      await api("PUT", "/routing/learned/settings", { enabled: enabled.checked, exploreShare: Number(share.value),
        qualityFloor: Number(floor.value), exploreSecurity: security.checked, exploreHighRisk: highRisk.checked });
      await routingPage(container); }) },
      el("label", {}, "Learning on", enabled), el("label", {}, "Share that explores", share),
      el("label", {}, "Quality floor", floor), el("label", {}, "Explore security work", security),
      el("label", {}, "Explore high-risk work", highRisk), el("button", { id: "learned-save" }, "Save")),
    rows.length ? table([{ title: "Context", value: x => el("code", {}, x.c.context) },
      { title: "Chooses", value: x => el("span", { title: x.c.why }, x.c.choice || "-") },
      { title: "Why", value: x => x.c.why },
      { title: "Candidates", value: x => x.c.candidates.map(m => el("div", { "data-candidate": m.model },
        m.model + ": " + pct(m.success) + " success, " + usd(m.costUsd) + " a task, " + (Math.round(m.outcomes * 10) / 10) + " tasks heard from")) },
      { title: "Pin", value: x => el("span", {}, x.pin, el("button", { class: "secondary", onclick: guarded(async () => {
        await api("PUT", "/routing/learned/pin", { context: x.c.context, model: x.pin.value || null });
        await routingPage(container); }) }, "Set")) },
      { title: "", value: x => el("button", { class: "danger", "data-reset": x.c.context, onclick: guarded(async () => {
        if (!confirm("Forget what srooter learned for " + x.c.context + "?")) return;
        await api("POST", "/routing/learned/reset", { context: x.c.context }); await routingPage(container); }) }, "Reset") }], rows,
      x => ({ "data-context": x.c.context }))
      : el("p", { class: "muted" }, "No rule learns yet: set a rule's target to learned, with two candidate models or more."));
}
