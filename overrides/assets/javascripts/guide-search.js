// Point Material's search at our wrapper, workers/guide-search-worker.js, which loads
// Material's own worker and adds query-side stemming. The wrapper sits beside Material's
// worker because that worker finds its lunr files relative to its own address. This runs
// before Material's bundle reads #__config; without it, search works without stemming.
(function () {
  var element = document.getElementById("__config");
  if (!element) return;
  var config = JSON.parse(element.textContent);
  if (!config.search) return;
  var base = new URL(config.base + "/", location.href);
  var wrapper = new URL("assets/javascripts/workers/guide-search-worker.js", base);
  wrapper.searchParams.set("worker", new URL(config.search, location.href).pathname);
  config.search = wrapper.href;
  element.textContent = JSON.stringify(config);
})();
