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
