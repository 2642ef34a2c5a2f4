(function () {
  "use strict";
  var PAGE = 100;
  function key(cell) {
    var v = cell.getAttribute("data-sort");
    return v === null ? cell.textContent.trim().toLowerCase() : v;
  }
  function sortBy(table, th) {
    var index = Array.prototype.indexOf.call(th.parentNode.children, th);
    var numeric = th.classList.contains("num");
    var current = th.getAttribute("aria-sort");
    // The first click sorts figures largest first (worst first), text from A.
    var ascending = current ? current !== "ascending" : !numeric;
    var body = table.tBodies[0];
    var rows = Array.prototype.slice.call(body.rows);
    rows.sort(function (a, b) {
      var x = key(a.cells[index]), y = key(b.cells[index]);
      var c = numeric ? (parseFloat(x) || 0) - (parseFloat(y) || 0) : (x < y ? -1 : x > y ? 1 : 0);
      return ascending ? c : -c;
    });
    rows.forEach(function (row) { body.appendChild(row); });
    Array.prototype.forEach.call(th.parentNode.children, function (h) { h.removeAttribute("aria-sort"); });
    th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
    table.dispatchEvent(new Event("reordered"));
  }
  function pager(table) {
    var nav = document.getElementById(table.id + "-pager");
    var filter = document.getElementById(table.id + "-filter");
    var status = nav && nav.querySelector("[data-status]");
    var page = 0;
    function matching() {
      var words = filter ? filter.value.toLowerCase().split(/\s+/).filter(Boolean) : [];
      return Array.prototype.filter.call(table.tBodies[0].rows, function (row) {
        var text = row.textContent.toLowerCase();
        var ok = words.every(function (w) { return text.indexOf(w) >= 0; });
        row.hidden = true;
        return ok;
      });
    }
    function show() {
      var rows = matching();
      var pages = Math.max(1, Math.ceil(rows.length / PAGE));
      page = Math.min(page, pages - 1);
      rows.slice(page * PAGE, (page + 1) * PAGE).forEach(function (row) { row.hidden = false; });
      if (nav) {
        nav.hidden = false;
        status.textContent = rows.length ? "Rows " + (page * PAGE + 1) + "–" + Math.min(rows.length, (page + 1) * PAGE) +
          " of " + rows.length : "No dossier matches";
        nav.querySelector("[data-prev]").disabled = page === 0;
        nav.querySelector("[data-next]").disabled = page >= pages - 1;
      }
    }
    if (nav) {
      nav.querySelector("[data-prev]").addEventListener("click", function () { page -= 1; show(); });
      nav.querySelector("[data-next]").addEventListener("click", function () { page += 1; show(); });
    }
    if (filter) { filter.addEventListener("input", function () { page = 0; show(); }); }
    table.addEventListener("reordered", function () { page = 0; show(); });
    show();
  }
  Array.prototype.forEach.call(document.querySelectorAll("table.sortable"), function (table) {
    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (th) {
      var button = th.querySelector("button");
      if (button) { button.addEventListener("click", function () { sortBy(table, th); }); }
    });
    if (table.hasAttribute("data-paged")) { pager(table); }
  });
  var tip = document.getElementById("tip");
  if (tip) {
    var showTip = function (event) {
      var mark = event.target.closest && event.target.closest("a.ev");
      if (!mark) { return; }
      var title = mark.querySelector("title");
      tip.textContent = title ? title.textContent : "";
      var box = mark.getBoundingClientRect();
      tip.style.left = Math.max(4, window.scrollX + box.left - 40) + "px";
      tip.style.top = (window.scrollY + box.bottom + 6) + "px";
      tip.hidden = false;
    };
    var hideTip = function () { tip.hidden = true; };
    document.addEventListener("mouseover", showTip);
    document.addEventListener("focusin", showTip);
    document.addEventListener("mouseout", hideTip);
    document.addEventListener("focusout", hideTip);
  }
})();
