/* Pagefind's search box in the header (large archives; overrides/hooks/search_engine.py). The UI loads Pagefind
   through pagefind-archive/pagefind.js, which gives each query the same preparation as Material's search
   (search-script.js: Traditional → Simplified, English de-inflected) and the lunr worker's rules for Chinese (a run
   that is no word must appear as written) before the UI shows the results; the box keeps what the reader typed.
   Results open in a panel under the header (extra.css). Only story pages are indexed; the filters are city, theme
   and year. */
(function () {
  var box = document.getElementById("archive-pagefind");
  if (!box || typeof PagefindUI === "undefined") return;
  /* the bundle's address from the site root: pages sit at any depth, and Pagefind imports it as a module */
  var bundle = new URL(box.getAttribute("data-bundle"), window.location.href).pathname;
  var base = new URL(bundle + "../", window.location.href).pathname;
  /* the module the UI imports instead of the bundle's own pagefind.js: beside this script */
  var rules = new URL("pagefind-archive/", document.currentScript.src).pathname;
  /* The snippet: from the story's text (the page's hidden search-only words come after MARKER, and Pagefind's own
     excerpt would often be taken from them, weighted as they are), around the first word of the query it holds. */
  var MARKER = "ZJARCHIVESEARCHONLY", lastTerm = "";
  function escape(text) {
    return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
  }
  function excerpt(content, term) {
    var cut = content.indexOf(MARKER);
    var story = (cut >= 0 ? content.slice(0, cut) : content).replace(/\s+/g, " ").trim();
    var prepared = window.archivePrepareQuery ? window.archivePrepareQuery(term, "pagefind") : term;
    var words = prepared.replace(/"/g, " ").split(/\s+/).filter(Boolean).sort(function (a, b) { return b.length - a.length; });
    var lower = story.toLowerCase(), at = -1, len = 0;
    words.forEach(function (w) {
      var i = lower.indexOf(w.toLowerCase());
      if (i >= 0 && (at < 0 || i < at)) { at = i; len = w.length; }
    });
    if (at < 0) return escape(story.slice(0, 120)) + (story.length > 120 ? " …" : "");
    var start = Math.max(0, at - 40), end = Math.min(story.length, at + len + 80);
    return (start ? "… " : "") + escape(story.slice(start, at)) + "<mark>" + escape(story.slice(at, at + len)) + "</mark>" +
           escape(story.slice(at + len, end)) + (end < story.length ? " …" : "");
  }
  new PagefindUI({
    element: "#archive-pagefind",
    bundlePath: rules,
    baseUrl: base,
    /* a sharded archive's other bundles (assets/generated/pagefind-shards.js, written by build_tools/site_build) */
    mergeIndex: (window.archivePagefindShards || []).map(function (path) {
      return { bundlePath: base + path, baseUrl: base };
    }),
    showSubResults: false,
    showImages: false,
    excerptLength: 24,
    /* the query as typed: pagefind-archive/pagefind.js prepares it (it needs the runs of Chinese as typed) */
    processTerm: function (term) {
      lastTerm = term;
      return term;
    },
    /* the title is the headline's English then its Chinese, run together: a separator between them */
    processResult: function (result) {
      if (result && typeof result.content === "string") result.excerpt = excerpt(result.content, lastTerm);
      if (result && result.meta && result.meta.title) {
        result.meta.title = result.meta.title.replace(/^([\x20-\x7e\u2018-\u201d]*[\x21-\x7e\u2019\u201d])(?=[\u3400-\u9fff\u201c\u300a])/, "$1 · ");
      }
      return result;
    },
    /* a result is a story (only story pages are indexed): the count says so */
    translations: { placeholder: "Search 搜索", zero_results: "No results for [SEARCH_TERM] 无结果",
                    many_results: "[COUNT] stories for [SEARCH_TERM] 篇报道", one_result: "[COUNT] story for [SEARCH_TERM] 篇报道" }
  });
  /* Escape closes the panel; a click outside the search box does too. */
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && box.contains(document.activeElement)) {
      var clear = box.querySelector(".pagefind-ui__search-clear");
      if (clear) clear.click();
    }
  });
})();
