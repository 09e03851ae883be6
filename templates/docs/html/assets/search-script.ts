/**
 * Client-side search over the index in search-index.js (a script, not JSON, because browsers refuse
 * fetch() from file://). Results are built with DOM APIs and textContent, never innerHTML.
 */
export const SEARCH_JS = `(function () {
  "use strict";
  var data = window.ACCORD_SEARCH;
  var box = document.querySelector("[data-search]");
  if (!box || !data) return;
  box.hidden = false;
  var headerSearch = document.querySelector(".site-search");
  if (headerSearch) headerSearch.hidden = true;
  var input = document.getElementById("q");
  var status = document.getElementById("search-status");
  var list = document.getElementById("search-results");
  var MAX_SHOWN = 50;

  var paths = data.p;
  var lowerPaths = paths.map(function (p) { return p.toLowerCase(); });
  var leaves = lowerPaths.map(function (p) {
    var parts = p.split(/[.\\[\\]()]+/).filter(Boolean);
    return parts.length ? parts[parts.length - 1] : p;
  });
  var subjects = data.s.map(function (row) {
    return {
      name: row[0], slug: row[1], description: row[2], latest: row[3], deprecated: (row[4] & 1) === 1,
      lname: row[0].toLowerCase(), ldesc: row[2].toLowerCase(), ltags: row[5].toLowerCase(), props: row[6]
    };
  });

  function scoreTerm(subject, term, hit) {
    var best = 0;
    if (subject.lname === term) best = 100;
    else if (subject.lname.indexOf(term) === 0) best = 70;
    else if (subject.lname.indexOf(term) >= 0) best = 45;
    var props = subject.props;
    for (var i = 0; i < props.length; i += 2) {
      var id = props[i];
      var s = leaves[id] === term ? 60 : leaves[id].indexOf(term) === 0 ? 35 : lowerPaths[id].indexOf(term) >= 0 ? 25 : 0;
      if (s > 0 && (!hit.prop || s > hit.propScore)) { hit.prop = id; hit.version = props[i + 1]; hit.propScore = s; }
      if (s > best) best = s;
    }
    if (best < 20 && subject.ltags.indexOf(term) >= 0) best = 20;
    if (best < 12 && subject.ldesc.indexOf(term) >= 0) best = 12;
    return best;
  }

  function search(query) {
    var terms = query.toLowerCase().split(/\\s+/).filter(Boolean);
    var found = [];
    subjects.forEach(function (subject) {
      var hit = { prop: null, version: 0, propScore: 0 };
      var total = 0;
      for (var t = 0; t < terms.length; t++) {
        var s = scoreTerm(subject, terms[t], hit);
        if (s === 0) return;
        total += s;
      }
      found.push({ subject: subject, score: total - (subject.deprecated ? 5 : 0), hit: hit });
    });
    found.sort(function (a, b) { return b.score - a.score || (a.subject.name < b.subject.name ? -1 : 1); });
    return found;
  }

  function item(result) {
    var s = result.subject;
    var li = document.createElement("li");
    var a = document.createElement("a");
    var version = result.hit.prop !== null ? result.hit.version : s.latest;
    a.href = "subjects/" + encodeURIComponent(s.slug) + ".html#v" + version;
    a.textContent = s.name;
    li.appendChild(a);
    if (s.deprecated) {
      var badge = document.createElement("span");
      badge.className = "badge badge-deprecated";
      badge.textContent = "deprecated";
      li.appendChild(document.createTextNode(" "));
      li.appendChild(badge);
    }
    var p = document.createElement("p");
    if (result.hit.prop !== null) {
      p.appendChild(document.createTextNode("field "));
      var code = document.createElement("code");
      code.textContent = paths[result.hit.prop];
      p.appendChild(code);
      p.appendChild(document.createTextNode(" in v" + result.hit.version + (s.description ? " \\u00b7 " + s.description : "")));
    } else {
      p.textContent = s.description || "v" + s.latest;
    }
    li.appendChild(p);
    return li;
  }

  function run() {
    var query = input.value.trim();
    list.textContent = "";
    if (query === "") { status.textContent = ""; return; }
    var found = search(query);
    var shown = found.slice(0, MAX_SHOWN);
    shown.forEach(function (r) { list.appendChild(item(r)); });
    status.textContent = found.length === 0
      ? "No event matches \\u201c" + query + "\\u201d."
      : found.length + (found.length === 1 ? " event matches" : " events match") +
        (found.length > MAX_SHOWN ? "; the first " + MAX_SHOWN + " are shown." : ".");
  }

  input.addEventListener("input", run);
  input.addEventListener("keydown", function (event) {
    if (event.key === "ArrowDown") {
      var first = list.querySelector("a");
      if (first) { event.preventDefault(); first.focus(); }
    }
  });
  document.addEventListener("keydown", function (event) {
    var typing = event.target && /^(INPUT|TEXTAREA|SELECT)$/.test(event.target.tagName);
    if (event.key === "/" && !typing) { event.preventDefault(); input.focus(); }
  });
  var initial = new URLSearchParams(location.search).get("q");
  if (initial) { input.value = initial; run(); }
})();
`;
