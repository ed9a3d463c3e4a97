/* The reader's choice of Chinese only, English only, or both, remembered across pages (localStorage). */
(function () {
  var KEY = "zh-union-archive.reading";
  function stored() {
    try { return window.localStorage.getItem(KEY) || "both"; } catch (e) { return "both"; }
  }
  function apply(mode) {
    document.documentElement.setAttribute("data-reading", mode);
    var buttons = document.querySelectorAll(".reading-choice button[data-reading]");
    for (var i = 0; i < buttons.length; i++) {
      buttons[i].setAttribute("aria-pressed", String(buttons[i].getAttribute("data-reading") === mode));
    }
  }
  apply(stored());
  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest(".reading-choice button[data-reading]");
    if (!button) return;
    var mode = button.getAttribute("data-reading");
    try { window.localStorage.setItem(KEY, mode); } catch (e) { /* private mode: the choice lasts this page */ }
    apply(mode);
  });
  document.addEventListener("DOMContentLoaded", function () { apply(stored()); });
})();
