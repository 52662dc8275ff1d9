// Material for MkDocs' page helpers, as its inline script defines them, with the scope taken
// from this file's own address (site root = two folders up) instead of the page's base URL.
(function () {
  var scope = new URL("../..", document.currentScript.src);
  window.__md_scope = scope;
  window.__md_hash = function (e) {
    return [].reduce.call(e, function (h, c) { return (h << 5) - h + c.charCodeAt(0); }, 0);
  };
  window.__md_get = function (key, storage, base) {
    storage = storage || localStorage;
    base = base || scope;
    return JSON.parse(storage.getItem(base.pathname + "." + key));
  };
  window.__md_set = function (key, value, storage, base) {
    storage = storage || localStorage;
    base = base || scope;
    try { storage.setItem(base.pathname + "." + key, JSON.stringify(value)); } catch (e) { }
  };
})();
