// The language switcher keeps what the reader is looking at: the query (?part=, filters) and
// the anchor travel with the link to the same page in the other language. Updated before the
// link is used (pointer, keyboard focus, click), since filters change the address in place.
(function () {
  function update(event) {
    var link = event.target.closest && event.target.closest("a.md-select__link[hreflang]");
    if (!link || link.getAttribute("aria-current") || !link.hasAttribute("data-page")) return;
    link.href = link.getAttribute("data-page") + location.search + location.hash;
  }
  ["mouseover", "focusin", "click"].forEach(function (type) {
    document.addEventListener(type, update, true);
  });
})();
