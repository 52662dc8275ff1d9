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
// want) and the language switcher already links to it, so that lookup is not needed: the
// request fails at once, without the network, and Material carries on as with an empty map.
(function () {
  var open = XMLHttpRequest.prototype.open;
  var send = XMLHttpRequest.prototype.send;
  XMLHttpRequest.prototype.open = function (method, url) {
    this.guideSkip = /\/sitemap\.xml$/.test(new URL(url, location.href).pathname);
    return open.apply(this, arguments);
  };
  XMLHttpRequest.prototype.send = function () {
    if (this.guideSkip) throw new Error("The guide does not use the sitemap here.");
    return send.apply(this, arguments);
  };
})();

// Material's bundle (a <script data-guide-later> that the page does not run, overrides/
// main.html) is loaded here once the page is parsed, so it does not compete with the page's
// own files for the network. The bundle starts its components on DOMContentLoaded, which it
// waits for: the browser's event is held back and fired again when the bundle has run, one
// task later, so that its start-up comes as two shorter tasks instead of one long one.
document.addEventListener("DOMContentLoaded", function (event) {
  if (!event.isTrusted) return;
  event.stopImmediatePropagation();
  var later = document.querySelectorAll("script[data-guide-later]");
  var left = later.length;
  function start() {
    setTimeout(function () {
      document.dispatchEvent(new Event("DOMContentLoaded", { bubbles: true }));
    }, 0);
  }
  if (!left) { start(); return; }
  later.forEach(function (held) {
    var script = document.createElement("script");
    script.src = held.src;
    script.async = false;   // in the page's order
    script.onload = script.onerror = function () { left -= 1; if (!left) start(); };
    document.body.appendChild(script);
  });
}, true);
