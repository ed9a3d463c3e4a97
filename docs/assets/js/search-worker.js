/* The search worker: Material's own (9.8.x, loaded below with importScripts) with the archive's query rules.
   overrides/main.html points Material at this file, with Material's worker as ?material=<path from the site root>.

   Material's worker ORs every term and cuts a run of Chinese against the index in a way that can drop its last
   character: 外卖, in no story, found 18 stories through 外 and 卖 alone, and 湖州 found none. Here instead:
   - every word of a query is required (AND); English words match as prefixes (the query arrives de-inflected,
     search-script.js), stop words are dropped;
   - a run of Chinese is cut into the words of the index, longest first, each required as a prefix (金华婺城产业工人
     → 金华 婺城 产业工人; 湖州 → 湖州, which the story's place names hold); where a piece of it is no word of the
     index but a single character, the story must contain the run as written (外卖: no story does, no result);
   - a quoted phrase must appear as written;
   - the filters chosen beside the search box (city, theme, year) keep only the stories they name.
   Material still ranks, highlights and renders the results; the titles and snippets it sends back lose the U+200B
   that joins the words of the index. The clauses are given to lunr through its query parser, which Material's
   worker calls both to run the query and to analyse it. */
(function () {
  var SETUP = 0, QUERY = 2, RESULT = 3;
  var state = { index: null, texts: {}, facets: {}, han: [], plan: null };

  function plain(text) {
    return String(text || "").replace(/<[^>]*>/g, "").replace(/\u200b/g, "").replace(/&amp;/g, "&").toLowerCase();
  }

  self.addEventListener("message", function (event) {
    var message = event.data || {};
    if (message.type === SETUP && message.data && message.data.docs) {
      message.data.docs.forEach(function (doc) {
        state.texts[doc.location] = plain([doc.title, doc.text, doc.places, doc.names, doc.glossary].join(" "));
        state.facets[doc.location] = doc.facets || {};
      });
    } else if (message.type === QUERY) {
      var archive = message.archive || {};
      state.plan = state.index && typeof archive.query === "string" ? plan(archive.query, archive.filters || {}) : null;
    }
  });

  /* whether some word of the index starts with `piece` (the index's Chinese words, sorted) */
  function known(piece) {
    var words = state.han, lo = 0, hi = words.length;
    while (lo < hi) { var mid = (lo + hi) >> 1; if (words[mid] < piece) lo = mid + 1; else hi = mid; }
    return lo < words.length && words[lo].indexOf(piece) === 0;
  }

  function cut(run) {
    var pieces = [], single = false;
    for (var i = 0; i < run.length;) {
      var j = run.length;
      while (j > i + 1 && !known(run.slice(i, j))) j--;
      if (j === i + 1) single = true;
      pieces.push(run.slice(i, j));
      i = j;
    }
    return { pieces: pieces, phrase: single && run.length > 1 };
  }

  function plan(query, filters) {
    var terms = [], phrases = [];
    var rest = query.replace(/"([^"]+)"/g, function (_, phrase) {
      phrases.push(plain(phrase).replace(/\s+/g, " ").trim());
      return " " + phrase + " ";
    });
    (rest.match(/[\u3400-\u9fff\u3007]+|[^\s\u3400-\u9fff\u3007"“”'‘’,，。、;；:：!！?？()（）·]+/g) || []).forEach(function (part) {
      if (/^[\u3400-\u9fff\u3007]/.test(part)) {
        var c = cut(part);
        terms.push.apply(terms, c.pieces);
        if (c.phrase) phrases.push(part);
      } else {
        /* what the index's tokenizer does to a word: lower case, separators (- _ / . …) split it */
        part.toLowerCase().split(/[\-_\/.&=\[\]`]+/).forEach(function (word) {
          if (word && lunr.stopWordFilter(word) !== undefined) terms.push(word);
        });
      }
    });
    return { terms: terms, phrases: phrases, filters: filters };
  }

  function keep(ref, p) {
    var text = state.texts[ref] || "", facets = state.facets[ref] || {};
    for (var i = 0; i < p.phrases.length; i++) if (text.indexOf(p.phrases[i]) < 0) return false;
    for (var name in p.filters) {
      var want = p.filters[name];
      if (!want) continue;
      var have = [].concat(facets[name] || []);
      if (have.indexOf(want) < 0) return false;
    }
    return true;
  }

  function clean(value) { return typeof value === "string" ? value.replace(/\u200b/g, "") : value; }

  var material = new URL(self.location.href).searchParams.get("material");
  importScripts(new URL(material, new URL("../../", self.location.href)).href);

  /* the index lunr builds for Material: keep it, and the Chinese words it holds */
  var build = lunr.Builder.prototype.build;
  lunr.Builder.prototype.build = function () {
    var index = build.apply(this, arguments);
    state.index = index;
    state.han = Object.keys(index.invertedIndex).filter(function (w) { return /^[\u3400-\u9fff]/.test(w); }).sort();
    return index;
  };

  var parse = lunr.QueryParser.prototype.parse;
  lunr.QueryParser.prototype.parse = function () {
    if (!state.plan) return parse.apply(this, arguments);
    var query = this.query;
    state.plan.terms.forEach(function (term) {
      query.clause({ term: term, usePipeline: false, wildcard: lunr.Query.wildcard.TRAILING,
                     presence: lunr.Query.presence.REQUIRED });
    });
    return query;
  };

  var search = lunr.Index.prototype.search;
  lunr.Index.prototype.search = function () {
    var results = search.apply(this, arguments), p = state.plan;
    return p ? results.filter(function (r) { return keep(r.ref, p); }) : results;
  };

  var post = self.postMessage;
  self.postMessage = function (message) {
    if (message && message.type === RESULT && message.data && message.data.items) {
      message.data.items.forEach(function (group) {
        group.forEach(function (item) {
          item.title = clean(item.title);
          item.text = clean(item.text);
          delete item.places; delete item.names; delete item.glossary; delete item.facets;
        });
      });
    }
    return post.apply(self, arguments);
  };
})();
