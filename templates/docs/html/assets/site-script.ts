/**
 * The site's progressive enhancement: theme switch, one version at a time on subject pages (loading
 * a large version's details from their own script when it is shown), and collapsible nested rows
 * in field tables. Every page reads fully without it.
 */
export const SITE_JS = `(function () {
  "use strict";
  var root = document.documentElement;
  root.classList.add("js");

  // Theme: follows the system until the reader picks one; the choice is remembered per site.
  var toggle = document.querySelector(".theme-toggle");
  function effectiveTheme() {
    if (root.dataset.theme) return root.dataset.theme;
    return window.matchMedia && window.matchMedia("(prefers-color-scheme: dark)").matches ? "dark" : "light";
  }
  function syncToggle() {
    if (toggle) toggle.setAttribute("aria-pressed", effectiveTheme() === "dark" ? "true" : "false");
  }
  if (toggle) {
    toggle.hidden = false;
    syncToggle();
    toggle.addEventListener("click", function () {
      var next = effectiveTheme() === "dark" ? "light" : "dark";
      root.dataset.theme = next;
      try { localStorage.setItem("accord-theme", next); } catch (e) { /* storage may be off */ }
      syncToggle();
    });
  }

  // Versions: show the one named by the URL fragment (or the latest), keep the links in step.
  var versions = Array.prototype.slice.call(document.querySelectorAll("section.version[data-version]"));
  var versionLinks = Array.prototype.slice.call(document.querySelectorAll("[data-version-link]"));
  function versionFor(hash) {
    if (!hash || hash.length < 2) return null;
    var id;
    try { id = decodeURIComponent(hash.slice(1)); } catch (e) { return null; }
    var target = document.getElementById(id);
    return target ? { section: target.closest("section.version"), target: target } : null;
  }
  function showVersion(hash, scroll) {
    if (versions.length === 0) return;
    var found = versionFor(hash);
    var chosen = (found && found.section) || versions[0];
    versions.forEach(function (section) { section.hidden = section !== chosen; });
    loadDeferred(chosen);
    versionLinks.forEach(function (link) {
      if (link.getAttribute("data-version-link") === chosen.getAttribute("data-version")) link.setAttribute("aria-current", "true");
      else link.removeAttribute("aria-current");
    });
    if (scroll && found && found.target) found.target.scrollIntoView();
  }
  // A large version's details come from a script of their own (file:// pages cannot fetch), which
  // hands them to accordDeferred; only the versions a reader shows are ever loaded.
  var deferredWaiting = {};
  window.accordDeferred = function (key, markup) {
    var holder = deferredWaiting[key];
    if (!holder) return;
    delete deferredWaiting[key];
    holder.innerHTML = markup;
    holder.removeAttribute("data-deferred-src");
    Array.prototype.forEach.call(holder.querySelectorAll("table[data-field-table]"), enhanceTable);
  };
  function loadDeferred(section) {
    var holder = section.querySelector("[data-deferred-src]");
    if (!holder || holder.hasAttribute("data-loading")) return;
    holder.setAttribute("data-loading", "");
    deferredWaiting[holder.getAttribute("data-deferred-key")] = holder;
    var script = document.createElement("script");
    script.src = holder.getAttribute("data-deferred-src");
    document.head.appendChild(script);
  }
  if (versions.length > 0) {
    showVersion(location.hash, true);
    window.addEventListener("hashchange", function () { showVersion(location.hash, false); });
  }

  // Field tables: rows with children get a button that folds them away.
  var ROWS_SHOWN_OPEN = 40;
  Array.prototype.forEach.call(document.querySelectorAll("table[data-field-table]"), enhanceTable);
  function enhanceTable(table) {
    var rows = Array.prototype.slice.call(table.tBodies[0].rows);
    var byId = {};
    rows.forEach(function (row) { byId[row.id] = row; });
    var parents = rows.filter(function (row) { return row.hasAttribute("data-has-children"); });
    if (parents.length === 0) return;
    var expanded = {};
    function refresh() {
      rows.forEach(function (row) {
        var parent = row.getAttribute("data-parent");
        var visible = !parent || (!byId[parent].hidden && expanded[parent] !== false);
        row.hidden = !visible;
      });
      parents.forEach(function (row) {
        var button = row.querySelector(".row-toggle");
        var open = expanded[row.id] !== false;
        button.setAttribute("aria-expanded", open ? "true" : "false");
        button.textContent = open ? "\\u2212" : "+";
      });
    }
    parents.forEach(function (row) {
      var name = row.cells[0].querySelector("[title]");
      var button = document.createElement("button");
      button.type = "button";
      button.className = "row-toggle";
      button.setAttribute("aria-label", "Show fields of " + (name ? name.textContent : "this field"));
      button.addEventListener("click", function () {
        expanded[row.id] = expanded[row.id] === false;
        refresh();
      });
      var cell = row.cells[0];
      cell.insertBefore(button, cell.firstChild);
      // Large tables open at their top level; small ones open fully.
      if (rows.length > ROWS_SHOWN_OPEN) expanded[row.id] = false;
    });
    var tools = document.createElement("div");
    tools.className = "table-tools";
    [["Expand all", true], ["Collapse all", false]].forEach(function (pair) {
      var b = document.createElement("button");
      b.type = "button";
      b.textContent = pair[0];
      b.addEventListener("click", function () {
        parents.forEach(function (row) { expanded[row.id] = pair[1]; });
        refresh();
      });
      tools.appendChild(b);
    });
    var wrapper = table.parentNode;
    wrapper.parentNode.insertBefore(tools, wrapper);
    refresh();
  }
})();
`;
