// Material's search worker with query-side stemming for Norwegian and Swedish.
//
// Material adds a trailing wildcard to every query term ("ledelse" becomes "ledelse*"), and lunr
// does not run its pipeline on wildcard terms. The index holds stems ("ledels"), so whole or
// inflected words would miss. For each such term we add an optional clause with its stem.
(function () {
  var worker = new URL(location.href).searchParams.get("worker") || "";
  if (worker.charAt(0) !== "/" || worker.charAt(1) === "/") {
    throw new Error("guide-search-worker: expected a same-site path to Material's worker");
  }
  importScripts(worker);

  var query = lunr.Index.prototype.query;
  lunr.Index.prototype.query = function (build) {
    var pipeline = this.pipeline;
    return query.call(this, function (q) {
      build.call(q, q);
      q.clauses.slice().forEach(function (clause) {
        if (clause.usePipeline || clause.presence !== lunr.Query.presence.OPTIONAL) return;
        var word = clause.term.replace(/\*+$/, "");
        if (!word || /[*~^:]/.test(word)) return;
        pipeline.runString(word).forEach(function (stem) {
          if (stem && stem !== word) {
            q.clause({ term: stem, fields: clause.fields, boost: clause.boost,
                       usePipeline: false, wildcard: lunr.Query.wildcard.TRAILING });
          }
        });
      });
    });
  };
})();
