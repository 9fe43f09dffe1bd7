// Forms the console builds the same way everywhere: labelled fields with the product's own words beside them,
// checked in the browser before anything is sent (required, numbers, choices), the server's own message shown in
// the form when it refuses, and a confirmation before anything destructive. Tables that can outgrow a screen page
// and filter.

/** A labelled field: the input, a line of help, and a place that says what is wrong with it. */
function field(label, input, help) {
  const id = input.id || ("f-" + Math.random().toString(36).slice(2));
  input.id = id;
  const error = el("span", { class: "field-error", id: id + "-error", "aria-live": "polite" });
  input.setAttribute("aria-describedby", id + "-error" + (help ? " " + id + "-help" : ""));
  input.addEventListener("invalid", () => { error.textContent = input.validationMessage; });
  input.addEventListener("input", () => { error.textContent = ""; input.setCustomValidity(""); });
  return el("label", {}, label, input, help ? el("small", { class: "help", id: id + "-help" }, help) : null, error);
}

/**
 * A form that checks its fields first and then runs {@code action}; what the server refuses is shown in the form.
 * {@code question}, when given, is asked before anything is sent (for destructive actions).
 */
function actionForm(id, children, action, question) {
  const form = el("form", { class: "row", id, novalidate: true }, children);
  form.addEventListener("submit", async event => {
    event.preventDefault();
    form.querySelectorAll(".notice").forEach(n => n.remove());
    const fields = [...form.querySelectorAll("input, select, textarea")];
    if (!fields.map(f => f.checkValidity()).every(Boolean)) {
      const first = fields.find(f => !f.validity.valid);
      if (first) first.focus();
      return;
    }
    if (question && !confirm(question())) return;
    try {
      await working(action);
    } catch (error) {
      form.append(notice(error.message));
    }
  });
  return form;
}

/** A button for something destructive: it asks first, then acts; a refusal shows in its section. */
function dangerButton(label, question, action, attrs) {
  return el("button", Object.assign({ type: "button", class: "danger" }, attrs || {}, {
    onclick: guarded(async () => { if (confirm(question)) await action(); }) }), label);
}

/** Splits "a, b, c" into its entries. */
const listOf = text => text.split(",").map(x => x.trim()).filter(Boolean);

/** A table that pages through its rows, {@code pageSize} at a time, and keeps those matching the filter's text. */
function pagedTable(id, columns, rows, rowAttrs, pageSize) {
  pageSize = pageSize || 20;
  let page = 0;
  const filter = el("input", { id: id + "-filter", type: "search", placeholder: "text in any column" });
  const holder = el("div", { id });
  const info = el("span", { class: "muted", id: id + "-info" });
  const prev = el("button", { type: "button", class: "secondary", id: id + "-prev" }, "Previous");
  const next = el("button", { type: "button", class: "secondary", id: id + "-next" }, "Next");
  const textOf = value => value === null || value === undefined ? "" : value instanceof Node ? value.textContent
    : Array.isArray(value) ? value.map(textOf).join(" ") : String(value);
  const texts = rows.map(r => columns.map(c => textOf(c.value(r))).join(" ").toLowerCase());
  function draw() {
    const q = filter.value.trim().toLowerCase();
    const matching = rows.filter((r, i) => !q || texts[i].includes(q));
    const pages = Math.max(1, Math.ceil(matching.length / pageSize));
    page = Math.max(0, Math.min(page, pages - 1));
    holder.replaceChildren(table(columns, matching.slice(page * pageSize, (page + 1) * pageSize), rowAttrs));
    info.textContent = matching.length + " of " + rows.length + (pages > 1 ? " · page " + (page + 1) + " of " + pages : "");
    prev.disabled = page === 0;
    next.disabled = page >= pages - 1;
  }
  filter.addEventListener("input", () => { page = 0; draw(); });
  prev.addEventListener("click", () => { page--; draw(); });
  next.addEventListener("click", () => { page++; draw(); });
  draw();
  return el("div", { class: "paged" }, el("div", { class: "row" }, el("label", {}, "Filter", filter)), holder,
    el("div", { class: "row" }, prev, info, next));
}
