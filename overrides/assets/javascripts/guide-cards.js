// Reflection cards: show the cards of one part (a section) or one entry (an area with its
// actions, a dimension, a topic ...). The choice lives in the address (?part=...), so a view
// can be shared and printed. Without JavaScript the form stays hidden and every card shows.
(function () {
  var form = document.querySelector("[data-guide-cards]");
  if (!form) return;
  var select = form.querySelector("select");
  var count = form.querySelector(".guide-filter__count");
  var sections = Array.prototype.slice.call(document.querySelectorAll(".guide-cards-section"));
  var total = document.querySelectorAll(".guide-card").length;

  function apply(updateAddress) {
    var want = select.value;
    var shown = 0;
    sections.forEach(function (section) {
      var whole = !want || want === section.getAttribute("data-section");
      var inSection = 0;
      section.querySelectorAll(".guide-card").forEach(function (card) {
        var ok = whole || card.getAttribute("data-part") === want;
        card.hidden = !ok;
        if (ok) { inSection += 1; }
      });
      section.hidden = inSection === 0;
      var heading = section.querySelector("h2[id]");   // the table of contents follows
      if (heading) {
        document.querySelectorAll('.md-nav--secondary a[href="#' + CSS.escape(heading.id) + '"]')
          .forEach(function (link) { link.closest("li").hidden = inSection === 0; });
      }
      shown += inSection;
    });
    count.textContent = count.getAttribute("data-template")
      .replace("{shown}", shown).replace("{total}", total);
    if (updateAddress) {
      var params = new URLSearchParams(location.search);
      if (want) { params.set("part", want); } else { params.delete("part"); }
      var query = params.toString();
      history.replaceState(null, "", location.pathname + (query ? "?" + query : "") + location.hash);
    }
  }

  var value = new URLSearchParams(location.search).get("part");
  if (value && Array.prototype.some.call(select.options, function (o) { return o.value === value; })) {
    select.value = value;
  }
  select.addEventListener("change", function () { apply(true); });
  form.addEventListener("submit", function (event) { event.preventDefault(); });
  form.hidden = false;
  apply(false);
})();
