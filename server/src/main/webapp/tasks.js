// The costliest agent tasks, live on the dashboard: GET /api/tasks. A task the task guard acted on is flagged.

function costliestTasks() {
  const rows = el("tbody", { id: "task-rows" });
  const node = card("Costliest tasks (7 days)", el("table", { id: "tasks" },
    el("thead", {}, el("tr", {}, ["Task", "User", "Intent", "Turns", "Models", "Cost", "Duration", "Guard"]
      .map((t, i) => el("th", { class: i === 3 || i === 5 || i === 6 ? "num" : "" }, t)))), rows));
  const refresh = async () => {
    const tasks = await api("GET", "/tasks?sort=cost&limit=10");
    rows.replaceChildren(...tasks.map(t => el("tr", { "data-task": t.task, class: t.guard ? "flagged" : "" },
      el("td", {}, el("code", {}, t.task)), el("td", {}, t.username || "-"), el("td", {}, t.intent || "-"),
      el("td", { class: "num" }, t.turns), el("td", {}, t.models.join(", ") || "-"),
      el("td", { class: "num" }, usd(t.costUsd)), el("td", { class: "num" }, ms(t.durationMs)),
      el("td", {}, t.guard ? el("span", { class: "status s4" }, t.guard) : "-"))));
  };
  return { card: node, refresh };
}
