// Filter the list of actions on the actions overview by dimension, PLC characteristic,
// attendance factor and time to carry out. The choice lives in the address (?dimension=...),
// so a filtered view can be shared. Without JavaScript the form stays hidden and the list whole.
(function () {
  var form = document.querySelector("[data-guide-filter]");
  if (!form) return;
  var selects = Array.prototype.slice.call(form.querySelectorAll("select"));
  var count = form.querySelector(".guide-filter__count");
  var groups = Array.prototype.slice.call(document.querySelectorAll(".guide-filter__group"));
  var total = document.querySelectorAll(".guide-filter__group a[data-dimension]").length;

  function wanted() {
    var want = {};
    selects.forEach(function (s) { want[s.name] = s.value; });
    return want;
  }

  function matches(link, months, want) {
    if (want.time && months > Number(want.time)) return false;
    return ["dimension", "plc", "factor"].every(function (key) {
      return !want[key] || link.getAttribute("data-" + key).split(" ").indexOf(want[key]) >= 0;
    });
  }

  // The table of contents lists only what is shown.
  function hideInToc(group, hidden) {
    var heading = group.querySelector("[id]");
    if (!heading) return;
    document.querySelectorAll('.md-nav--secondary a[href="#' + CSS.escape(heading.id) + '"]')
      .forEach(function (link) { link.closest("li").hidden = hidden; });
  }

  function apply(updateAddress) {
    var want = wanted();
    var shown = 0;
    groups.forEach(function (group) {
      var months = Number(group.getAttribute("data-months"));
      var inGroup = 0;
      group.querySelectorAll("a[data-dimension]").forEach(function (link) {
        var ok = matches(link, months, want);
        link.closest("li").hidden = !ok;
        if (ok) { shown += 1; inGroup += 1; }
      });
      group.hidden = inGroup === 0;
      hideInToc(group, inGroup === 0);
    });
    count.textContent = count.getAttribute("data-template")
      .replace("{shown}", shown).replace("{total}", total) +
      (shown === 0 ? " " + count.getAttribute("data-none") : "");
    if (updateAddress) {
      var params = new URLSearchParams();
      selects.forEach(function (s) { if (s.value) params.set(s.name, s.value); });
      var query = params.toString();
      history.replaceState(null, "", location.pathname + (query ? "?" + query : "") + location.hash);
    }
  }

  var params = new URLSearchParams(location.search);
  selects.forEach(function (select) {
    var value = params.get(select.name);
    var known = Array.prototype.some.call(select.options, function (o) { return o.value === value; });
    if (value && known) select.value = value;
    select.addEventListener("change", function () { apply(true); });
  });
  form.addEventListener("reset", function () { setTimeout(function () { apply(true); }); });
  form.addEventListener("submit", function (event) { event.preventDefault(); });
  form.hidden = false;
  apply(false);
})();
