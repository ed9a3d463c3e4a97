/* Search queries, prepared before they reach Material's search worker:
   - Traditional characters are made Simplified: every story is indexed in Simplified (Traditional stories carry
     a Simplified copy for search), so a query in either script finds stories in both. The table is generated.
   - English words lose their inflection (competitions → competition*, skills → skill*, craftsmen → craftsm*):
     every term is matched as a prefix, and a word cut back to its stem then matches singular and plural alike.
   - With Material's search the query goes to the archive's worker (assets/js/search-worker.js) as typed and
     prepared, with the filters chosen beside the search box (city, theme, year: built from the index, which
     carries each story's); that worker requires every word and cuts Chinese into the index's words itself.
   The query the reader typed stays as typed; only the copy sent to the worker changes.
   With Pagefind (large archives, assets/js/pagefind-search.js) the same preparation is applied through
   archivePrepareQuery(query, "pagefind"), and each run of Chinese is cut into words with the
   browser's own word segmenter: Pagefind takes a run of Chinese as one term and matches it as the start of an
   indexed word, so 技能竞赛 found only pages where its segmenter had kept 技能竞赛 whole (1 of 861 at 1,000
   stories) while 技能 竞赛 finds them all. */
(function () {
  var QUERY = 2;   /* SearchMessageType.QUERY in Material's worker protocol */
  function simplify(text) {
    var table = window.ARCHIVE_T2S || {};
    var out = "";
    for (var i = 0; i < text.length; i++) { out += table[text[i]] || text[i]; }
    return out;
  }
  function stem(word) {
    var rules = [/ies$/, /men$/, /ing$/, /ed$/, /es$/, /s$/];
    var lower = word.toLowerCase();
    for (var i = 0; i < rules.length; i++) {
      var cut = lower.replace(rules[i], rules[i].source === "men$" ? "m" : "");
      if (cut !== lower && cut.length >= 3 && !/ss$/.test(lower)) return cut;
    }
    return lower;
  }
  function words(run) {
    if (typeof Intl === "undefined" || !Intl.Segmenter) return run;
    var parts = [];
    var segments = new Intl.Segmenter("zh", { granularity: "word" }).segment(run);
    for (var it = segments[Symbol.iterator](), s = it.next(); !s.done; s = it.next()) {
      /* a single character stays with its neighbour (鹿 + 城区 → 鹿城区): alone it is rarely how the index cut it */
      var last = parts.length - 1;
      if (last >= 0 && (parts[last].length === 1 || s.value.segment.length === 1)) parts[last] += s.value.segment;
      else parts.push(s.value.segment);
    }
    return parts.join(" ");
  }
  function prepare(query, engine) {
    var out = simplify(query).replace(/[A-Za-z]{4,}/g, stem);
    return engine === "pagefind" ? out.replace(/[\u3400-\u9fff]+/g, words) : out;
  }
  window.archivePrepareQuery = prepare;
  if (typeof Worker === "undefined") return;

  /* Filters beside Material's search box: city, theme and year, from the stories in the index. A change runs the
     query again (Material sends a query only when the box's value changes: a trailing space is added or taken). */
  var SETUP = 0;
  var FACETS = [["city", "City 城市"], ["theme", "Theme 主题"], ["year", "Year 年份"]];
  var chosen = {};
  function filters(docs) {
    var output = document.querySelector(".md-search__output");
    if (!output || document.querySelector(".archive-search-filters")) return;
    var values = {};
    docs.forEach(function (doc) {
      FACETS.forEach(function (f) {
        [].concat((doc.facets || {})[f[0]] || []).forEach(function (v) {
          values[f[0]] = values[f[0]] || {};
          values[f[0]][v] = (values[f[0]][v] || 0) + 1;
        });
      });
    });
    var bar = document.createElement("div");
    bar.className = "archive-search-filters";
    bar.setAttribute("role", "group");
    bar.setAttribute("aria-label", "Filter the results 筛选结果");
    FACETS.forEach(function (f) {
      var names = Object.keys(values[f[0]] || {}).sort();
      if (f[0] === "year") names.reverse();
      if (!names.length) return;
      var label = document.createElement("label");
      var select = document.createElement("select");
      select.setAttribute("data-archive-filter", f[0]);
      label.appendChild(document.createTextNode(f[1] + " "));
      var all = document.createElement("option");
      all.value = ""; all.textContent = "All 全部";
      select.appendChild(all);
      names.forEach(function (n) {
        var o = document.createElement("option");
        o.value = n; o.textContent = n + " (" + values[f[0]][n] + ")";
        select.appendChild(o);
      });
      select.addEventListener("change", function () {
        chosen[f[0]] = select.value;
        var box = document.querySelector("[data-md-component=search-query]");
        if (!box) return;
        box.value = / $/.test(box.value) ? box.value.replace(/ $/, "") : box.value + " ";
        box.dispatchEvent(new KeyboardEvent("keyup", { bubbles: true }));
      });
      label.appendChild(select);
      bar.appendChild(label);
    });
    output.insertBefore(bar, output.firstChild);
  }

  var post = Worker.prototype.postMessage;
  Worker.prototype.postMessage = function (message) {
    if (message && message.type === QUERY && typeof message.data === "string") {
      var args = Array.prototype.slice.call(arguments);
      var query = prepare(message.data);
      args[0] = { type: message.type, data: query, archive: { query: query, filters: chosen } };
      return post.apply(this, args);
    }
    if (message && message.type === SETUP && message.data && message.data.docs) {
      var docs = message.data.docs;
      if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", function () { filters(docs); });
      else filters(docs);
    }
    return post.apply(this, arguments);
  };
})();
