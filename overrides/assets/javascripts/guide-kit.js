// Meeting kits: what a team writes and ticks in a kit's fields stays in this browser
// (localStorage, one entry per kit) and comes back when the kit is opened again; it prints with
// the kit. Nothing is sent anywhere. Without this script the fields still take text, and the page
// says to print the kit and fill it in on paper.
(function () {
  var tools = document.querySelector("[data-guide-kit]");
  if (!tools) return;
  var key = "guide-kit:" + tools.getAttribute("data-guide-kit");
  var fields = Array.prototype.slice.call(document.querySelectorAll("[data-kit-field]"));
  var status = tools.querySelector(".guide-kit-status");
  var clear = tools.querySelector("[data-kit-clear]");
  var MAX = 20000;   // characters kept per field

  function say(text) { status.textContent = text; }

  function isBox(el) { return el.type === "checkbox"; }

  // What was kept for this kit: {field: text or true}; anything else is ignored.
  function stored() {
    var data = null;
    try { data = JSON.parse(localStorage.getItem(key)); } catch (e) { data = null; }
    return data && typeof data === "object" && data.fields && typeof data.fields === "object" &&
      !Array.isArray(data.fields) ? data.fields : {};
  }

  // A written field prints as its text (a textarea would cut it at its height).
  fields.forEach(function (el) {
    if (el.tagName !== "TEXTAREA") return;
    var copy = document.createElement("div");
    copy.className = "guide-write__print";
    copy.setAttribute("aria-hidden", "true");
    el.parentNode.insertBefore(copy, el.nextSibling);
    el.guidePrint = copy;
  });

  function mirror(el) { if (el.guidePrint) el.guidePrint.textContent = el.value; }

  var kept = stored();
  fields.forEach(function (el) {
    var name = el.getAttribute("data-kit-field");
    if (!Object.prototype.hasOwnProperty.call(kept, name)) return;
    var value = kept[name];
    if (isBox(el)) el.checked = value === true;
    else if (typeof value === "string") el.value = value.slice(0, MAX);
    mirror(el);
  });

  function save() {
    var data = {}, any = false;
    fields.forEach(function (el) {
      var name = el.getAttribute("data-kit-field");
      if (isBox(el) ? el.checked : el.value !== "") {
        data[name] = isBox(el) ? true : el.value.slice(0, MAX);
        any = true;
      }
    });
    try {
      if (any) localStorage.setItem(key, JSON.stringify({ version: 1, fields: data }));
      else localStorage.removeItem(key);
      if (status.getAttribute("data-failed")) { say(""); status.removeAttribute("data-failed"); }
    } catch (e) {
      // Full or refused storage: the text stays in the fields, and the reader is told.
      say(tools.getAttribute("data-kit-failed"));
      status.setAttribute("data-failed", "1");
    }
  }

  fields.forEach(function (el) {
    el.addEventListener(isBox(el) ? "change" : "input", function () { mirror(el); save(); });
  });

  clear.addEventListener("click", function () {
    if (!window.confirm(tools.getAttribute("data-kit-confirm"))) return;
    fields.forEach(function (el) {
      if (isBox(el)) el.checked = false; else el.value = "";
      mirror(el);
    });
    try { localStorage.removeItem(key); } catch (e) { /* nothing kept to remove */ }
    status.removeAttribute("data-failed");
    say(tools.getAttribute("data-kit-cleared"));
  });

  clear.hidden = false;
  tools.querySelector("[data-kit-paper]").hidden = true;
  tools.querySelector("[data-kit-saved]").hidden = false;
  document.body.classList.add("guide-kit-live");
})();
