/* Citations: fill in the reader's access date, follow a #pN paragraph anchor, and copy to the clipboard. */
(function () {
  var MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December"];
  var MLA = ["Jan.", "Feb.", "Mar.", "Apr.", "May", "June", "July", "Aug.", "Sept.", "Oct.", "Nov.", "Dec."];
  function pad(n) { return (n < 10 ? "0" : "") + n; }
  function accessed(style, d) {
    if (style === "chicago") return " Accessed " + MONTHS[d.getMonth()] + " " + d.getDate() + ", " + d.getFullYear() + ".";
    if (style === "mla") return " Accessed " + d.getDate() + " " + MLA[d.getMonth()] + " " + d.getFullYear() + ".";
    if (style === "apa") return "";   /* APA 7 gives no access date for pages that do not change */
    if (style === "gbt7714") return " [" + d.getFullYear() + "-" + pad(d.getMonth() + 1) + "-" + pad(d.getDate()) + "]";
    return "";
  }
  function paragraph() {
    var m = /^#(p\d+)$/.exec(window.location.hash);
    return m ? "#" + m[1] : "";
  }
  function update() {
    var today = new Date();
    var anchor = paragraph();
    var texts = document.querySelectorAll(".cite-text");
    for (var i = 0; i < texts.length; i++) {
      var el = texts[i];
      if (!el.hasAttribute("data-base")) el.setAttribute("data-base", el.firstChild.nodeValue);
      var base = el.getAttribute("data-base");
      /* the address without its scheme: MLA prints it so, the other styles with https:// before it */
      var url = document.querySelector(".cite-url").getAttribute("href").replace(/^https?:\/\//, "");
      el.firstChild.nodeValue = anchor ? base.split(url).join(url + anchor) : base;
      el.querySelector(".cite-access").textContent = accessed(el.getAttribute("data-style"), today);
    }
  }
  document.addEventListener("DOMContentLoaded", update);
  window.addEventListener("hashchange", update);
  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest("button.cite-copy");
    if (!button) return;
    var text = document.getElementById(button.getAttribute("data-copy")).textContent;
    var done = function () { button.textContent = "Copied 已复制"; setTimeout(function () { button.textContent = "Copy 复制"; }, 2000); };
    if (navigator.clipboard && navigator.clipboard.writeText) {
      navigator.clipboard.writeText(text).then(done, function () { button.textContent = "Select and copy"; });
    }
  });
})();
