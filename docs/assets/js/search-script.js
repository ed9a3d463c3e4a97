/* Search queries, prepared before they reach Material's search worker:
   - Traditional characters are made Simplified: every story is indexed in Simplified (Traditional stories carry
     a Simplified copy for search), so a query in either script finds stories in both. The table is generated.
   - English words lose their inflection (competitions → competition*, skills → skill*, craftsmen → craftsm*):
     Material appends * to every term, and a word cut back to its stem then matches singular and plural alike.
   - Each run of Chinese characters gets a trailing U+3007: Material's in-browser segmenter (segment() in its
     search worker, 9.8.1) never tries the whole run as one word, so a query that is exactly one indexed word
     (总工会, 劳模工匠) would be cut into pieces. The extra character is never part of a word and is dropped.
   The query the reader typed stays as typed; only the copy sent to the worker changes.
   With Pagefind (large archives, assets/js/pagefind-search.js) the same preparation is applied through
   archivePrepareQuery(query, "pagefind"), without the U+3007, and each run of Chinese is cut into words with the
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
    return engine === "pagefind" ? out.replace(/[\u3400-\u9fff]+/g, words)
                                 : out.replace(/[\u3400-\u9fff]+/g, "$&\u3007");
  }
  window.archivePrepareQuery = prepare;
  if (typeof Worker === "undefined") return;
  var post = Worker.prototype.postMessage;
  Worker.prototype.postMessage = function (message) {
    if (message && message.type === QUERY && typeof message.data === "string") {
      var args = Array.prototype.slice.call(arguments);
      args[0] = { type: message.type, data: prepare(message.data) };
      return post.apply(this, args);
    }
    return post.apply(this, arguments);
  };
})();
