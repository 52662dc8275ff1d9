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

// Material requests "sitemap.xml" beside every <link rel="alternate"> to map pages between
// languages. Our alternates name each page's own counterpart (hreflang, as search engines
// want) and the language switcher already links to it, so that lookup is not needed: it is
// sent to an empty sitemap on this site instead of to files that do not exist.
(function () {
  var empty = new URL("../empty-sitemap.xml", document.currentScript.src).href;
  var open = XMLHttpRequest.prototype.open;
  XMLHttpRequest.prototype.open = function (method, url) {
    var args = Array.prototype.slice.call(arguments);
    if (/\/sitemap\.xml$/.test(new URL(url, location.href).pathname)) args[1] = empty;
    return open.apply(this, args);
  };
})();
