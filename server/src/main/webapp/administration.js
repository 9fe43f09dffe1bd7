// The admin-only pages: users and plugins.
"use strict";

async function usersPage(container) {
  const users = await api("GET", "/users");
  const f = { username: el("input", { id: "user-name" }), password: el("input", { id: "user-password", type: "password" }),
    role: el("select", { id: "user-role" }, ["developer", "lead", "auditor", "admin"].map(r => el("option", {}, r))) };
  const form = el("form", { class: "row" }, el("label", {}, "Username", f.username), el("label", {}, "Password (12+)", f.password),
    el("label", {}, "Role", f.role), el("button", {}, "Create user"));
  const section = card("Create a user", form);
  form.addEventListener("submit", guarded(async () => {
    await api("POST", "/users", { username: f.username.value, password: f.password.value, role: f.role.value });
    await usersPage(container);
  }, section));
  container.replaceChildren(section, card("Users", table([{ title: "Username", value: u => u.username },
    { title: "Role", value: u => el("select", { "data-user": u.username, onchange: guarded(async e => {
      await api("PUT", "/users/" + u.username + "/role", { role: e.target.value }); }, container) },
      ["admin", "lead", "developer", "auditor"].map(r => el("option", { selected: r === u.role }, r))) },
    { title: "Team", value: u => u.team || "-" }, { title: "Since", value: u => when(u.createdAt) }], users)));
}

async function pluginsPage(container) {
  const plugins = await api("GET", "/plugins");
  const file = el("input", { type: "file", id: "plugin-file", accept: ".jar" });
  const section = card("Upload a plugin", el("p", { class: "muted" }, "A jar replaces the plugin of the same id without a restart; requests under way finish on the old one."),
    el("div", { class: "row" }, file, el("button", { id: "plugin-upload", onclick: guarded(async () => {
      if (!file.files.length) throw new Error("Choose a jar first.");
      await api("POST", "/plugins", file.files[0]);
      await pluginsPage(container);
    }) }, "Upload")));
  const act = (p, what) => guarded(async () => { await api("POST", "/plugins/" + p.id + "/" + what); await pluginsPage(container); }, container);
  container.replaceChildren(section, card("Plugins", table([{ title: "Id", value: p => p.id }, { title: "Version", value: p => p.version },
    { title: "State", value: p => el("span", { class: "tag" }, p.state) }, { title: "Source", value: p => p.source },
    { title: "Extensions", value: p => (p.extensions || []).join(", ") }, { title: "Description", value: p => p.description || "" },
    { title: "", value: p => [p.state === "DISABLED" ? el("button", { class: "secondary", onclick: act(p, "enable") }, "Enable")
      : el("button", { class: "secondary", onclick: act(p, "disable") }, "Disable"), " ",
      el("button", { class: "secondary", onclick: act(p, "reload") }, "Reload"),
      p.source === "uploaded" ? el("button", { class: "danger", onclick: guarded(async () => {
        await api("DELETE", "/plugins/" + p.id); await pluginsPage(container); }, container) }, "Remove") : ""] }], plugins)));
}
