/* Sortable tables (tablesort, served from this site). A table or code block wider than the screen scrolls inside its frame:
   the frame then takes the keyboard focus, so that it can be scrolled without a mouse (axe:
   scrollable-region-focusable), and is named as a region by its table's first heading. */
document.addEventListener("DOMContentLoaded", function () {
  var tables = document.querySelectorAll("table.sortable");
  for (var i = 0; i < tables.length; i++) { new Tablesort(tables[i], { descending: true }); }

  function scrollable() {
    var frames = document.querySelectorAll(".md-typeset__scrollwrap, .md-typeset pre > code");
    for (var j = 0; j < frames.length; j++) {
      var frame = frames[j];
      if (frame.scrollWidth > frame.clientWidth + 1) {
        var heading = frame.querySelector("th");
        frame.setAttribute("tabindex", "0");
        frame.setAttribute("role", "region");
        var what = frame.tagName === "CODE" ? "Code" : "Table" + (heading ? " from " + heading.textContent.trim() : "");
        frame.setAttribute("aria-label", what + " (scrolls sideways)");
      } else if (frame.getAttribute("role") === "region") {
        frame.removeAttribute("tabindex");
        frame.removeAttribute("role");
        frame.removeAttribute("aria-label");
      }
    }
  }
  scrollable();
  window.addEventListener("resize", scrollable);
});
