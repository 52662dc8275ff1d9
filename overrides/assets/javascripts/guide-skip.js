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

// The home page's search button opens the theme's search dialog. It is in the page from the
// start, so nothing moves when this runs; without JavaScript assets/guide-nojs.css hides it.
document.querySelectorAll("[data-open-search]").forEach(function (button) {
  button.addEventListener("click", function () {
    var toggle = document.getElementById("__search");
    if (!toggle) return;
    toggle.checked = true;
    toggle.dispatchEvent(new Event("change"));
    var input = document.querySelector("input.md-search__input");
    if (input) input.focus();
  });
});
