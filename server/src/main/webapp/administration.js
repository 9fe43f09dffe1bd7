// Users (an admin's; a lead's is teams only), one's own account, plugins and backups.
"use strict";

async function usersPage(container) {
  if (state.me.role !== "admin") return teamsOnly(container); // a lead sets teams, and sees no one's account
  const users = await api("GET", "/users");
  const f = { username: el("input", { id: "user-name", required: true, pattern: "[A-Za-z0-9._@-]{1,100}" }),
    password: el("input", { id: "user-password", type: "password", required: true, minlength: 12 }),
    role: el("select", { id: "user-role" }, ["developer", "lead", "auditor", "admin"].map(r => el("option", {}, r))),
    team: el("input", { id: "user-team", placeholder: "payments" }) };
  const section = card("Create a user", actionForm("user-form", [field("Username", f.username, "Letters, digits and . _ @ -"),
    field("Password", f.password, "At least 12 characters; they change it on their first sign-in."), field("Role", f.role),
    field("Team", f.team, "Per-team rules, budgets and policies apply to it."), el("button", {}, "Create user")], async () => {
    const body = { username: f.username.value.trim(), password: f.password.value, role: f.role.value };
    if (f.team.value.trim()) body.team = f.team.value.trim();
    await api("POST", "/users", body);
    await usersPage(container);
  }));
  const teamCell = u => { const input = el("input", { value: u.team || "", "data-team": u.username, "aria-label": "Team of " + u.username, size: 12 });
    return actionForm("team-" + u.username, [input, el("button", { class: "secondary" }, "Set")], async () => {
      await api("PUT", "/users/" + u.username + "/team", { team: input.value.trim() || null });
      input.closest("td").append(notice("Team set.", true)); }); };
  const passwordCell = u => { const input = el("input", { type: "password", minlength: 12, required: true, "aria-label": "New password for " + u.username, size: 12 });
    return actionForm("password-" + u.username, [input, el("button", { class: "secondary" }, "Reset")], async () => {
      await api("PUT", "/users/" + u.username + "/password", { password: input.value });
      input.value = ""; input.closest("td").append(notice("Password reset.", true)); },
      () => "Reset the password of " + u.username + "? Their current one stops working."); };
  container.replaceChildren(section, card("Users", pagedTable("users-table", [{ title: "Username", value: u => u.username },
    { title: "Role", value: u => el("select", { "data-user": u.username, "aria-label": "Role of " + u.username, onchange: guarded(async e => {
      await api("PUT", "/users/" + u.username + "/role", { role: e.target.value }); }, container) },
      ["admin", "lead", "developer", "auditor"].map(r => el("option", { selected: r === u.role }, r))) },
    { title: "Team", value: teamCell }, { title: "Password", value: passwordCell }, { title: "Since", value: u => when(u.createdAt) },
    { title: "", value: u => u.username === state.me.username ? "" : dangerButton("Delete", "Delete " + u.username
      + "? Their keys are revoked; their audit records stay.", async () => { await api("DELETE", "/users/" + u.username); await usersPage(container); },
      { "data-delete-user": u.username }) }], users, u => ({ "data-username": u.username }))));
}

/** What a lead may do here: put a user in a team (a lead cannot list accounts). */
function teamsOnly(container) {
  const username = el("input", { id: "lead-team-user", required: true });
  const team = el("input", { id: "lead-team", placeholder: "empty: no team" });
  container.replaceChildren(card("Put a user in a team", el("p", { class: "muted" }, "Per-team rules, budgets and policies apply to the team's members."),
    actionForm("lead-team-form", [field("Username", username), field("Team", team), el("button", {}, "Set team")], async () => {
      await api("PUT", "/users/" + encodeURIComponent(username.value.trim()) + "/team", { team: team.value.trim() || null });
      document.getElementById("lead-team-form").append(notice("Team set.", true)); })));
}

/** Every role: change one's own password. */
async function accountPage(container) {
  const current = el("input", { id: "account-current", type: "password", required: true, autocomplete: "current-password" });
  const next = el("input", { id: "account-new", type: "password", required: true, minlength: 12, autocomplete: "new-password" });
  container.replaceChildren(card("Signed in as " + state.me.username + " (" + state.me.role + ")",
    actionForm("account-form", [field("Current password", current), field("New password", next, "At least 12 characters."),
      el("button", { id: "account-save" }, "Change password")], async () => {
      await api("PUT", "/users/" + encodeURIComponent(state.me.username) + "/password", { password: next.value, currentPassword: current.value });
      current.value = ""; next.value = "";
      document.getElementById("account-form").append(notice("Password changed.", true)); })));
}

async function pluginsPage(container) {
  const plugins = await api("GET", "/plugins");
  const file = el("input", { type: "file", id: "plugin-file", accept: ".jar" });
  const section = card("Upload a plugin", el("p", { class: "muted" }, "A jar replaces the plugin of the same id without a restart; requests under way finish on the old one."),
    el("div", { class: "row" }, field("Plugin jar", file), el("button", { id: "plugin-upload", onclick: guarded(async () => {
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
      p.source === "uploaded" ? dangerButton("Remove", "Remove plugin " + p.id + "? What it provides stops at once.", async () => {
        await api("DELETE", "/plugins/" + p.id); await pluginsPage(container); }, { "data-remove-plugin": p.id }) : ""] }], plugins)));
}

/** Online backups of the embedded database; on PostgreSQL the server answers that its own tools do this. */
async function backupsPage(container) {
  const backups = await api("GET", "/backups");
  const size = b => b >= 1048576 ? (b / 1048576).toFixed(1) + " MB" : Math.ceil(b / 1024) + " KB";
  const take = el("button", { id: "backup-take", onclick: guarded(async () => {
    take.disabled = true;
    try { await api("POST", "/backups"); } finally { take.disabled = false; }
    await backupsPage(container);
  }, container) }, "Back up now");
  container.replaceChildren(card("Back up the database",
    el("p", { class: "muted" }, "A consistent copy of the embedded database, taken while srooter serves. To restore one, stop the server "
      + "and put its derby folder in place of the data folder's. Keep the master key as well, stored apart from the backups: stored provider credentials open with it only."),
    take),
    card("Backups", backups.length ? table([{ title: "Taken", value: b => when(b.takenAt) }, { title: "Size", num: true, value: b => size(b.bytes) },
      { title: "Where", value: b => el("code", {}, b.path) }], backups, b => ({ "data-backup": b.name }))
      : el("p", { class: "muted" }, "No backups yet.")));
}
