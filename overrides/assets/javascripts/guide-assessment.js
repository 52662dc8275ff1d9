// Self-assessment: scores per part, a chart with the numbers also in a table, the weakest parts
// with the actions that serve them, rounds saved with a date, export, print and deletion.
// Everything stays in this browser (localStorage); nothing is sent anywhere.
(function () {
  var form = document.querySelector("form.guide-assessment");
  if (!form) return;
  var key = "guide-assessment:" + form.getAttribute("data-assessment");
  var max = Number(form.getAttribute("data-max"));
  var decimal = form.getAttribute("data-decimal");
  var results = document.querySelector(".guide-results");
  var groups = Array.prototype.map.call(form.querySelectorAll(".guide-group"), function (el) {
    return { id: el.getAttribute("data-group"), title: el.getAttribute("data-title"), el: el };
  });
  var SVG = "http://www.w3.org/2000/svg";

  function load() {
    try { return JSON.parse(localStorage.getItem(key)) || { current: {}, rounds: [] }; }
    catch (e) { return { current: {}, rounds: [] }; }
  }
  function save(state) { localStorage.setItem(key, JSON.stringify(state)); }
  function number(value) { return value.toFixed(1).replace(".", decimal); }

  function answers() {
    var current = {};
    form.querySelectorAll("input[type=radio]:checked").forEach(function (input) {
      current[input.name] = input.value;
    });
    return current;
  }

  function scores(current) {
    return groups.map(function (group) {
      var values = [];
      group.el.querySelectorAll(".guide-item").forEach(function (item) {
        var value = current[item.querySelector("input").name];
        if (value && value !== "dk") values.push(Number(value));
      });
      var mean = values.length ? values.reduce(function (a, b) { return a + b; }, 0) / values.length : null;
      return { id: group.id, title: group.title, answered: values.length,
               items: group.el.querySelectorAll(".guide-item").length, mean: mean };
    });
  }

  function element(tag, text, attrs) {
    var el = document.createElement(tag);
    if (text !== undefined) el.textContent = text;
    Object.keys(attrs || {}).forEach(function (name) { el.setAttribute(name, attrs[name]); });
    return el;
  }

  function chart(rows) {
    var figure = results.querySelector(".guide-results__chart");
    figure.textContent = "";
    var answered = rows.filter(function (r) { return r.mean !== null; });
    var svg = document.createElementNS(SVG, "svg");
    svg.setAttribute("viewBox", "0 0 100 " + rows.length * 10);
    svg.setAttribute("role", "img");
    svg.setAttribute("aria-label", form.getAttribute("data-chart-label") + ": " + answered.map(
      function (r) { return r.title + " " + number(r.mean); }).join("; "));
    rows.forEach(function (row, i) {
      var bar = document.createElementNS(SVG, "rect");
      bar.setAttribute("x", "0");
      bar.setAttribute("y", String(i * 10 + 1));
      bar.setAttribute("height", "7");
      bar.setAttribute("width", String(row.mean === null ? 0 : 80 * row.mean / max));
      bar.setAttribute("class", "guide-results__bar");
      var label = document.createElementNS(SVG, "text");
      label.setAttribute("x", String(row.mean === null ? 1 : 80 * row.mean / max + 1));
      label.setAttribute("y", String(i * 10 + 6.5));
      label.textContent = (i + 1) + ": " + (row.mean === null ? "–" : number(row.mean));
      svg.appendChild(bar);
      svg.appendChild(label);
    });
    figure.appendChild(svg);
  }

  function table(rows) {
    var body = results.querySelector(".guide-results__table tbody");
    body.textContent = "";
    rows.forEach(function (row, i) {
      var tr = element("tr");
      tr.appendChild(element("th", (i + 1) + ". " + row.title, { scope: "row" }));
      tr.appendChild(element("td", row.answered + " / " + row.items));
      tr.appendChild(element("td", row.mean === null ? "–" : number(row.mean)));
      body.appendChild(tr);
    });
  }

  function weakest(rows) {
    var box = results.querySelector(".guide-results__weakest");
    box.textContent = "";
    var answered = rows.filter(function (r) { return r.mean !== null; })
      .sort(function (a, b) { return a.mean - b.mean; }).slice(0, 3);
    if (!answered.length) return;
    box.appendChild(element("p", form.getAttribute("data-weakest")));
    answered.forEach(function (row) {
      var part = element("div", undefined, { "class": "guide-weak", "data-weak": row.id });
      part.appendChild(element("h4", row.title + " (" + number(row.mean) + ")"));
      var source = document.querySelector('[data-recommend="' + row.id + '"]');
      Array.prototype.forEach.call(source.children, function (child) {
        part.appendChild(child.cloneNode(true));
      });
      box.appendChild(part);
    });
  }

  function rounds(state) {
    var compare = results.querySelector(".guide-rounds__table");
    compare.hidden = state.rounds.length === 0;
    var head = compare.querySelector("thead tr");
    while (head.children.length > 1) head.removeChild(head.lastChild);
    state.rounds.forEach(function (round) { head.appendChild(element("th", round.date, { scope: "col" })); });
    var body = compare.querySelector("tbody");
    body.textContent = "";
    groups.forEach(function (group, i) {
      var tr = element("tr");
      tr.appendChild(element("th", (i + 1) + ". " + group.title, { scope: "row" }));
      state.rounds.forEach(function (round) {
        var mean = round.scores[group.id];
        tr.appendChild(element("td", mean === null || mean === undefined ? "–" : number(mean)));
      });
      body.appendChild(tr);
    });
  }

  function update() {
    var state = load();
    state.current = answers();
    save(state);
    var rows = scores(state.current);
    var any = rows.some(function (r) { return r.mean !== null; });
    results.querySelector(".guide-results__empty").hidden = any;
    chart(rows);
    table(rows);
    weakest(rows);
    rounds(state);
  }

  function download(name, type, text) {
    var link = element("a", "", { download: name });
    link.href = URL.createObjectURL(new Blob([text], { type: type }));
    document.body.appendChild(link);
    link.click();
    setTimeout(function () { URL.revokeObjectURL(link.href); link.remove(); });
  }

  // The one way content reaches CSV: quoted, and never read as a formula by a spreadsheet
  // (OWASP: a cell starting with = + - @ tab or CR gets a leading apostrophe).
  function csvCell(text) {
    var value = String(text);
    if (/^\s*[=+\-@]|^[\t\r]/.test(value)) { value = "'" + value; }
    return '"' + value.replace(/"/g, '""') + '"';
  }

  var actions = {
    "print": function () { window.print(); },
    "export-csv": function () {
      var current = answers();
      var lines = [["part", "statement", "answer"].join(",")];
      groups.forEach(function (group) {
        group.el.querySelectorAll(".guide-item").forEach(function (item) {
          var name = item.querySelector("input").name;
          lines.push([csvCell(group.title), csvCell(item.querySelector("legend").textContent),
                      csvCell(current[name] || "")].join(","));
        });
      });
      download(key.replace(":", "-") + ".csv", "text/csv", lines.join("\r\n") + "\r\n");
    },
    "export-json": function () {
      var state = load();
      download(key.replace(":", "-") + ".json", "application/json",
               JSON.stringify({ assessment: key, current: state.current,
                                scores: scores(state.current), rounds: state.rounds }, null, 1));
    },
    "delete": function () {
      localStorage.removeItem(key);
      form.reset();
      update();
      localStorage.removeItem(key);
      results.querySelector(".guide-results__status").textContent = form.getAttribute("data-deleted");
    },
    "save-round": function () {
      var state = load();
      var date = results.querySelector("input[name=round-date]").value ||
        new Date().toISOString().slice(0, 10);
      var round = { date: date, answers: state.current, scores: {} };
      scores(state.current).forEach(function (row) { round.scores[row.id] = row.mean; });
      state.rounds = state.rounds.filter(function (r) { return r.date !== date; }).concat([round])
        .sort(function (a, b) { return a.date < b.date ? -1 : 1; });
      save(state);
      rounds(state);
    }
  };

  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest("[data-action]");
    if (button && actions[button.getAttribute("data-action")]) {
      actions[button.getAttribute("data-action")]();
    }
  });

  var stored = load().current;
  Object.keys(stored).forEach(function (name) {
    var input = form.querySelector('input[name="' + CSS.escape(name) + '"][value="' + CSS.escape(stored[name]) + '"]');
    if (input) input.checked = true;
  });
  results.querySelector("input[name=round-date]").value = new Date().toISOString().slice(0, 10);
  form.addEventListener("change", update);
  form.querySelector(".guide-assessment__tools").hidden = false;
  results.hidden = false;
  update();
})();
