// The skip link moves keyboard focus to the content, not only the scroll position: the
// heading it points to becomes focusable (tabindex -1) and takes focus.
document.addEventListener("click", function (event) {
  var link = event.target.closest && event.target.closest("a.md-skip");
  if (!link) return;
  var target = document.getElementById(decodeURIComponent(link.hash.slice(1)));
  if (!target) return;
  target.setAttribute("tabindex", "-1");
  target.focus();
});
