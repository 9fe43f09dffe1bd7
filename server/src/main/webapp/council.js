// The council on the Routing page: its members (with a suggestion of different vendors), how verdicts combine,
// what else convenes it, which reviews hold the answer, and its recent reviews (GET /api/council/reviews), each
// member's verdict and the review's cost.

function councilCard(council, ruleInputs, container) {
  const members = el("input", { id: "council-members", value: council.members.join(", "), placeholder: "anthropic/claude-opus-4-1, openai/gpt-5" });
  const rule = el("select", { id: "council-rule" }, ["majority", "any-reject"].map(r => el("option", { selected: r === council.rule }, r)));
  const timeout = el("input", { id: "council-timeout", type: "number", min: "1", max: "600", value: council.timeoutSeconds });
  const hardSkills = el("input", { id: "council-hard-skills", type: "checkbox", checked: council.hardSkills !== false });
  const blocking = council.blocking || { triggers: [], onReject: "refuse", waitSeconds: 30 };
  const triggers = el("input", { id: "council-blocking-triggers", value: blocking.triggers.join(", "), placeholder: "security, risk, skill" });
  const onReject = el("select", { id: "council-on-reject" }, ["refuse", "concerns", "release"].map(r => el("option", { selected: r === blocking.onReject }, r)));
  const wait = el("input", { id: "council-wait", type: "number", min: "1", max: "300", value: blocking.waitSeconds });
  const suggested = council.suggested || [];
  return card("Council", el("p", { class: "muted" }, "Work flagged by a rule with Council ticked, a high-risk change, or work inside a hard skill's paths is reviewed by these models once its turn's answer is done."),
    el("p", {}, "Flagged intents: ", ruleInputs.filter(x => x.rule.council).map(x => el("span", { class: "tag" }, x.rule.intent)),
      ruleInputs.some(x => x.rule.council) ? "" : "none"),
    council.warning ? el("p", { id: "council-warning", class: "warn" }, council.warning) : "",
    suggested.length >= 2 ? el("p", { id: "council-suggested" }, "Suggested, one per vendor: ", suggested.map(m => el("code", {}, m + " ")),
      el("button", { type: "button", onclick: () => { members.value = suggested.join(", "); } }, "Use these")) : "",
    el("form", { class: "row", onsubmit: guarded(async () => {
      const named = triggers.value.split(",").map(t => t.trim()).filter(Boolean);
      await api("PUT", "/routing/council", { members: members.value.split(",").map(m => m.trim()).filter(Boolean),
        rule: rule.value, timeoutSeconds: Number(timeout.value), hardSkills: hardSkills.checked,
        blocking: { triggers: named, onReject: onReject.value, waitSeconds: Number(wait.value) } });
      await routingPage(container); }) }, el("label", {}, "Members (two or more models)", members),
      el("label", {}, "Verdicts combine by", rule), el("label", {}, "Member timeout (s)", timeout),
      el("label", {}, "Review work in hard skills' paths", hardSkills),
      el("label", {}, "Hold answers for (intents, risk, skill)", triggers), el("label", {}, "On reject", onReject),
      el("label", {}, "Hold at most (s)", wait),
      el("button", { id: "council-save" }, "Set council")));
}

async function councilReviews() {
  const reviews = await api("GET", "/council/reviews?limit=20");
  const verdict = v => v ? el("span", { class: "status " + (v === "approve" ? "s2" : v === "concerns" ? "s4" : "s5") }, v) : el("span", { class: "muted" }, "sitting");
  return card("Recent council reviews", reviews.length ? el("table", { id: "council-reviews" },
    el("thead", {}, el("tr", {}, ["Review", "Why", "User", "Verdict", "Members", "Cost", "When"].map(t => el("th", {}, t)))),
    el("tbody", {}, reviews.map(r => el("tr", { "data-review": r.id },
      el("td", {}, el("code", {}, r.id)), el("td", {}, r.trigger), el("td", {}, r.username || "-"), el("td", {}, verdict(r.verdict)),
      el("td", {}, r.members.map(m => el("div", { title: m.reasons || m.error || "" }, m.model + ": " + (m.verdict || "failed")))),
      el("td", { class: "num" }, usd(r.costUsd)), el("td", {}, new Date(r.createdAt).toLocaleString())))))
    : el("p", { class: "muted" }, "No reviews yet."));
}
