(function () {
  "use strict";
  var doc = document;
  var q = doc.getElementById("q");
  var sup = doc.getElementById("show-suppressed");
  var count = doc.getElementById("visible-count");
  var noMatch = doc.getElementById("no-match");
  var boxes = Array.prototype.slice.call(doc.querySelectorAll("#toolbar input[type=checkbox][name]"));
  var items = Array.prototype.slice.call(doc.querySelectorAll("article.finding"));
  var texts = items.map(function (el) { return el.textContent.toLowerCase(); });
  var groups = Array.prototype.slice.call(doc.querySelectorAll(".file-group, .fn-group"));

  function readHash() {
    var h = location.hash.replace(/^#/, "");
    if (h.indexOf("=") < 0) { return; }
    var p = new URLSearchParams(h);
    if (p.has("q")) { q.value = p.get("q"); }
    ["sev", "kind"].forEach(function (name) {
      if (!p.has(name)) { return; }
      var want = p.get(name).toLowerCase().split(",");
      boxes.forEach(function (b) {
        if (b.name === name) { b.checked = want.indexOf(b.value) >= 0; }
      });
    });
    if (sup && p.has("suppressed")) { sup.checked = p.get("suppressed") === "1"; }
  }

  function writeHash() {
    var p = new URLSearchParams();
    if (q.value) { p.set("q", q.value); }
    ["sev", "kind"].forEach(function (name) {
      var all = boxes.filter(function (b) { return b.name === name; });
      var on = all.filter(function (b) { return b.checked; }).map(function (b) { return b.value; });
      if (on.length !== all.length) { p.set(name, on.join(",")); }
    });
    if (sup && sup.checked !== (sup.defaultChecked)) { p.set("suppressed", sup.checked ? "1" : "0"); }
    var s = p.toString();
    try {
      history.replaceState(null, "", s ? "#" + s : location.pathname + location.search);
    } catch (e) { /* some viewers forbid it; the filters still work */ }
  }

  function apply() {
    var terms = q.value.toLowerCase().split(/\s+/).filter(Boolean);
    var on = { sev: {}, kind: {} };
    boxes.forEach(function (b) { on[b.name][b.value] = b.checked; });
    var showSup = sup ? sup.checked : false;
    var n = 0;
    items.forEach(function (el, i) {
      var ok = (showSup || el.getAttribute("data-suppressed") !== "1") &&
        on.sev[el.getAttribute("data-sev")] === true &&
        on.kind[el.getAttribute("data-kind")] === true &&
        terms.every(function (t) { return texts[i].indexOf(t) >= 0; });
      el.hidden = !ok;
      if (ok) { n++; }
    });
    groups.forEach(function (g) {
      g.hidden = !g.querySelector("article.finding:not([hidden])");
    });
    count.textContent = String(n);
    if (noMatch) { noMatch.hidden = n > 0; }
  }

  function changed() { apply(); writeHash(); }

  readHash();
  apply();
  q.addEventListener("input", changed);
  boxes.forEach(function (b) { b.addEventListener("change", changed); });
  if (sup) { sup.addEventListener("change", changed); }
  window.addEventListener("hashchange", function () { readHash(); apply(); });
  doc.getElementById("toolbar").hidden = false;
  doc.body.setAttribute("data-ready", "1");
})();
