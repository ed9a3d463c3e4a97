/* Facets of the all-stories page: filter the table by city, county, theme, year, outlet and entity, combined;
   each option shows how many stories it would leave; the filters live in the address (?city=huzhou&theme=...)
   and are restored when the page is opened. Data comes from the rows' data-* attributes; nothing is fetched.
   The words box keeps the rows whose text (headlines in both languages, the English summary, place, themes)
   holds every word typed, in either script (?q=…). */
document.addEventListener("DOMContentLoaded", function () {
  var table = document.querySelector("table[data-facets]");
  var form = document.querySelector("form.facets");
  if (!table || !form) return;
  var selects = Array.prototype.slice.call(form.querySelectorAll("select[data-facet]"));
  var rows = Array.prototype.slice.call(table.tBodies[0].rows);
  var status = form.querySelector(".facets__count");
  var box = form.querySelector("input[data-facet-text]");
  function simplify(text) {
    var table = window.ARCHIVE_T2S || {};
    var out = "";
    for (var i = 0; i < text.length; i++) { out += table[text[i]] || text[i]; }
    return out.toLowerCase();
  }
  var texts = rows.map(function (row) { return simplify(row.textContent.replace(/\s+/g, " ")); });
  var values = rows.map(function (row) {
    var v = {};
    selects.forEach(function (s) {
      var f = s.dataset.facet;
      v[f] = (row.getAttribute("data-" + f) || "").split(" ").filter(Boolean);
    });
    return v;
  });

  function state() {
    var s = {};
    selects.forEach(function (sel) { if (sel.value) s[sel.dataset.facet] = sel.value; });
    return s;
  }
  function words() {
    return simplify(box ? box.value : "").split(/\s+/).filter(Boolean);
  }
  function matches(i, s, skip) {
    var w = words();
    for (var k = 0; k < w.length; k++) {
      if (texts[i].indexOf(w[k]) < 0) return false;
    }
    for (var f in s) {
      if (f !== skip && values[i][f].indexOf(s[f]) < 0) return false;
    }
    return true;
  }
  function apply() {
    var s = state(), shown = 0;
    rows.forEach(function (row, i) {
      var ok = matches(i, s);
      row.hidden = !ok;
      if (ok) shown++;
    });
    selects.forEach(function (sel) {
      var f = sel.dataset.facet, counts = {};
      rows.forEach(function (row, i) {
        if (!matches(i, s, f)) return;
        values[i][f].forEach(function (v) { counts[v] = (counts[v] || 0) + 1; });
      });
      Array.prototype.forEach.call(sel.options, function (o) {
        if (!o.value) return;
        var n = counts[o.value] || 0;
        o.textContent = o.dataset.label + " (" + n + ")";
        o.disabled = n === 0 && o.value !== sel.value;
      });
    });
    status.textContent = shown + " of " + rows.length + " stories";
    var params = new URLSearchParams();
    selects.forEach(function (sel) { if (sel.value) params.set(sel.dataset.facet, sel.value); });
    if (box && box.value.trim()) params.set("q", box.value.trim());
    var query = params.toString();
    history.replaceState(null, "", location.pathname + (query ? "?" + query : "") + location.hash);
  }
  function restore() {
    var params = new URLSearchParams(location.search);
    if (box && params.get("q")) box.value = params.get("q");
    selects.forEach(function (sel) {
      var wanted = (params.get(sel.dataset.facet) || "").toLowerCase();
      if (!wanted) return;
      var options = Array.prototype.filter.call(sel.options, function (o) { return o.value; });
      var exact = options.filter(function (o) { return o.value === wanted; });
      var prefix = options.filter(function (o) { return o.value.indexOf(wanted) === 0; });
      var pick = exact[0] || (prefix.length === 1 ? prefix[0] : null);   // theme=skills finds skills-competitions
      if (pick) sel.value = pick.value;
    });
  }
  selects.forEach(function (sel) { sel.addEventListener("change", apply); });
  if (box) box.addEventListener("input", apply);
  form.querySelector(".facets__clear").addEventListener("click", function () {
    selects.forEach(function (sel) { sel.value = ""; });
    if (box) box.value = "";
    apply();
  });
  form.addEventListener("submit", function (e) { e.preventDefault(); });
  form.hidden = false;
  restore();
  apply();
});
