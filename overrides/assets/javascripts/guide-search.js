// Point Material's search dialog at the guide's worker, workers/guide-search-worker.js, which
// answers Material's messages with Pagefind (see that file). This runs before Material's bundle
// reads #__config. The search form is not named "search" (partials/search.html), so the bundle
// does not download the theme's whole index on every page view; the worker loads Pagefind's
// index only when the reader searches.
(function () {
  var element = document.getElementById("__config");
  if (!element) return;
  var config = JSON.parse(element.textContent);
  if (!config.search) return;
  var base = new URL(config.base + "/", location.href);
  config.search = new URL("assets/javascripts/workers/guide-search-worker.js", base).href;
  element.textContent = JSON.stringify(config);
})();

// Material says how many results it shows; the worker also counts every page that matches. When
// more match than are shown, the line above the results says so ("20 av 108 treff").
(function () {
  var Native = window.Worker;
  if (!Native) return;
  window.Worker = function (url, options) {
    var worker = new Native(url, options);
    if (String(url).indexOf("guide-search-worker.js") >= 0) {
      worker.addEventListener("message", function (event) {
        var data = event.data || {};
        if (data.type !== 3 || !data.data) return;   // Material's RESULT
        var shown = (data.data.items || []).length, total = data.data.total || 0;
        setTimeout(function () { count(shown, total); }, 0);
      });
    }
    return worker;
  };
  window.Worker.prototype = Native.prototype;

  function count(shown, total) {
    var form = document.querySelector("form[data-guide-total]");
    var meta = document.querySelector(".md-search-result__meta");
    if (!form || !meta || total <= shown) return;
    meta.textContent = form.getAttribute("data-guide-total")
      .replace("{shown}", String(shown)).replace("{total}", String(total));
  }
})();
