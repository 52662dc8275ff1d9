// Matrix: a focused link is scrolled clear of the table's sticky column names and row names
// (WCAG 2.4.11), after the browser's own scrolling to it. Without JavaScript the table's
// scroll-padding does most of this.
document.addEventListener("focusin", function (event) {
  var box = event.target.closest && event.target.closest(".guide-matrix");
  if (!box || event.target === box || event.target.closest("thead")) return;
  requestAnimationFrame(function () {
    var link = event.target.getBoundingClientRect();
    var head = box.querySelector("thead");
    var top = head ? head.getBoundingClientRect().bottom : box.getBoundingClientRect().top;
    if (link.top < top) box.scrollTop -= top - link.top + 4;
    var row = event.target.closest("td") && event.target.closest("tr").querySelector("th[scope=row]");
    var left = row ? row.getBoundingClientRect().right : box.getBoundingClientRect().left;
    if (link.left < left) box.scrollLeft -= left - link.left + 4;
  });
});
