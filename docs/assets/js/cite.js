/* Citations: fill in the reader's access date where the style writes one, follow a #pN paragraph anchor, and copy
   a citation to the clipboard as HTML (its italics) and as text. The citations themselves are citeproc-py's, made
   when the site is built (build_tools/write/csl.py); the access date's template and month names come from there. */
(function () {
  function pad(n) { return (n < 10 ? "0" : "") + n; }
  function accessed(span, d) {
    var months = span.getAttribute("data-months").split("|");
    return span.getAttribute("data-template").replace("{Y}", String(d.getFullYear()))
      .replace("{DD}", pad(d.getDate())).replace("{D}", String(d.getDate())).replace("{M}", months[d.getMonth()]);
  }
  function paragraph() {
    var m = /^#(p\d+)$/.exec(window.location.hash);
    return m ? "#" + m[1] : "";
  }
  /* the text nodes of a citation, outside its access date */
  function texts(el) {
    var out = [];
    var walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT, null);
    for (var node = walker.nextNode(); node; node = walker.nextNode()) {
      if (!(node.parentNode.closest && node.parentNode.closest(".cite-access"))) out.push(node);
    }
    return out;
  }
  var bases = new WeakMap();
  function update() {
    var today = new Date();
    var anchor = paragraph();
    var link = document.querySelector(".cite-url");
    if (!link) return;
    /* the address without its scheme, so that any style's form of it is found */
    var url = link.getAttribute("href").replace(/^https?:\/\//, "");
    var cites = document.querySelectorAll(".cite-text");
    for (var i = 0; i < cites.length; i++) {
      var nodes = texts(cites[i]);
      for (var j = 0; j < nodes.length; j++) {
        if (!bases.has(nodes[j])) bases.set(nodes[j], nodes[j].nodeValue);
        var base = bases.get(nodes[j]);
        nodes[j].nodeValue = anchor ? base.split(url).join(url + anchor) : base;
      }
      var span = cites[i].querySelector(".cite-access");
      if (span) span.textContent = accessed(span, today);
    }
  }
  document.addEventListener("DOMContentLoaded", update);
  window.addEventListener("hashchange", update);
  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest("button.cite-copy");
    if (!button) return;
    var el = document.getElementById(button.getAttribute("data-copy"));
    var text = el.textContent;
    var done = function () { button.textContent = "Copied 已复制"; setTimeout(function () { button.textContent = "Copy 复制"; }, 2000); };
    var failed = function () { button.textContent = "Select and copy"; };
    var plainOnly = function () {
      if (navigator.clipboard && navigator.clipboard.writeText) navigator.clipboard.writeText(text).then(done, failed);
      else failed();
    };
    if (navigator.clipboard && navigator.clipboard.write && window.ClipboardItem) {
      /* both forms: a word processor pastes the italics, a plain-text field the text */
      var item = new ClipboardItem({
        "text/html": new Blob([el.innerHTML], {type: "text/html"}),
        "text/plain": new Blob([text], {type: "text/plain"})
      });
      navigator.clipboard.write([item]).then(done, plainOnly);
    } else {
      plainOnly();
    }
  });
})();
