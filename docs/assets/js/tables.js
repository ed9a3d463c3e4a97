/* Sortable tables (tablesort, served from this site). */
document.addEventListener("DOMContentLoaded", function () {
  var tables = document.querySelectorAll("table.sortable");
  for (var i = 0; i < tables.length; i++) { new Tablesort(tables[i], { descending: true }); }
});
