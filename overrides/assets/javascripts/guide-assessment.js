// Self-assessment: scores per part, a chart with the numbers also in a table, rounds saved with a
// date, a team view built from the members' files (one line per member, each removable), the
// parts to begin with (from the team's answers once there is a team: the lowest means, then the
// parts the team disagrees on most) with the actions to start with, a printable meeting plan,
// export (CSV for spreadsheets, JSON to move or share the answers), import and deletion.
// Everything stays in this browser (localStorage); nothing is sent anywhere. When the browser
// cannot store (full, or turned off), the page keeps what it holds, says so and offers the file.
// Imported files are untrusted: they are size-capped, validated value by value, and shown only
// as text.
(function () {
  var form = document.querySelector("form.guide-assessment");
  if (!form) return;
  var key = "guide-assessment:" + form.getAttribute("data-assessment");
  var teamKey = "guide-assessment-team:" + form.getAttribute("data-assessment");
  var assessment = form.getAttribute("data-id");
  var title = form.getAttribute("data-title") || assessment;
  var lang = form.getAttribute("data-lang");
  var max = Number(form.getAttribute("data-max"));
  var decimal = form.getAttribute("data-decimal");
  var dateFormat = form.getAttribute("data-date-format") || "%Y-%m-%d";
  // A day as the page's language writes it (content/languages.yaml), from YYYY-MM-DD.
  function day(iso) {
    var parts = String(iso).split("-");
    return dateFormat.replace("%Y", parts[0]).replace("%m", parts[1]).replace("%d", parts[2]);
  }
  var texts = form.querySelector(".guide-assessment__texts");
  var tools = form.querySelector(".guide-assessment__tools");
  var results = document.querySelector(".guide-results");
  var figure = results.querySelector(".guide-results__chart");
  var team = results.querySelector(".guide-team");
  var storageBox = document.querySelector(".guide-storage");
  var FORMAT = "guide-self-assessment";
  var MAX_BYTES = 1024 * 1024;
  var LABEL_MAX = 40;
  // A part is one the team disagrees on when the lowest and the highest member mean, as the
  // table shows them, lie at least this far apart: a whole step of the scale.
  var GAP = 1;
  var SVG = "http://www.w3.org/2000/svg";

  function each(list, fn) { Array.prototype.forEach.call(list, fn); }
  function map(list, fn) { return Array.prototype.map.call(list, fn); }
  function has(object, name) { return Object.prototype.hasOwnProperty.call(object, name); }
  function isObject(value) {
    return value !== null && typeof value === "object" && !Array.isArray(value);
  }

  // The parts and their statements, as the page shows them.
  var groups = map(form.querySelectorAll(".guide-group"), function (el, i) {
    var title = el.getAttribute("data-title");
    return { id: el.getAttribute("data-group"), title: title, label: (i + 1) + ". " + title,
             items: map(el.querySelectorAll(".guide-item"), function (item) {
               return { name: item.querySelector("input").name,
                        legend: item.querySelector("legend") };
             }) };
  });
  var known = Object.create(null);      // item name -> true
  var parts = Object.create(null);      // part id -> group
  groups.forEach(function (group) {
    parts[group.id] = group;
    group.items.forEach(function (item) { known[item.name] = true; });
  });
  // Answer value -> its label in the page's language, from the form's own radio buttons.
  var labels = Object.create(null);
  each(form.querySelector(".guide-item").querySelectorAll("input[type=radio]"), function (input) {
    labels[input.value] = input.parentNode.textContent.trim();
  });
  var allowed = Object.create(null);
  for (var step = 1; step <= max; step++) allowed[String(step)] = true;
  allowed.dk = true;

  // ---------------------------------------------------------------------------------------
  // Texts and numbers

  // An interface text with its {slots} filled in one pass: a value that holds "{reason}" itself
  // (a file's name) stays as it is.
  function text(name, values) {
    var value = texts.getAttribute("data-text-" + name.replace(/_/g, "-")) || "";
    values = values || {};
    return value.replace(/\{([a-z_]+)\}/g, function (slot, key) {
      return Object.prototype.hasOwnProperty.call(values, key) ? String(values[key]) : slot;
    });
  }
  function count(n, what) {
    return text("count_" + what + (n === 1 ? "" : "s"), { count: n });
  }
  // Without floating-point noise (2.3 - 1.3 is 1 here), so that comparisons match the numbers
  // shown.
  function exact(value) { return Number(value.toPrecision(12)); }
  // A value in tenths, halves rounded up: the number the page shows, times ten.
  function tenths(value) { return Math.round(exact(value * 10)); }
  // One decimal, halves rounded up (2.25 -> 2,3).
  function number(value) {
    return (tenths(value) / 10).toFixed(1).replace(".", decimal);
  }
  function today() {
    var now = new Date();
    var pad = function (n) { return (n < 10 ? "0" : "") + n; };
    return now.getFullYear() + "-" + pad(now.getMonth() + 1) + "-" + pad(now.getDate());
  }
  function element(tag, content, attrs) {
    var el = document.createElement(tag);
    if (content !== undefined) el.textContent = content;
    Object.keys(attrs || {}).forEach(function (name) { el.setAttribute(name, attrs[name]); });
    return el;
  }
  function svg(tag, attrs) {
    var el = document.createElementNS(SVG, tag);
    Object.keys(attrs || {}).forEach(function (name) { el.setAttribute(name, String(attrs[name])); });
    return el;
  }
  function say(region, lines) {
    region.textContent = "";
    lines = [].concat(lines || []);
    if (lines.length === 1) { region.textContent = lines[0]; return; }
    if (!lines.length) return;
    var list = element("ul");
    lines.forEach(function (line) { list.appendChild(element("li", line)); });
    region.appendChild(list);
  }

  // ---------------------------------------------------------------------------------------
  // Storage: this device only. The page keeps what it writes, so that nothing is lost when the
  // browser refuses to store it (storage full, or turned off): it then works from what it holds,
  // says so, and offers the file.

  var held = Object.create(null);       // storage name -> the JSON text the page holds
  var unsaved = Object.create(null);    // storage name -> true while the browser refuses it

  function read(name) {
    var raw = has(held, name) ? held[name] : null;
    if (!unsaved[name]) {
      try { raw = window.localStorage.getItem(name); } catch (e) { unsaved[name] = true; }
    }
    try { return JSON.parse(raw); } catch (e) { return null; }
  }
  // Stores a value (null removes it); what the browser refuses stays held here, and is stored
  // as soon as the browser takes a write again.
  function write(name, value) {
    held[name] = value === null ? null : JSON.stringify(value);
    [name].concat(Object.keys(unsaved)).forEach(store);
    storageNotice();
  }
  function store(name) {
    try {
      if (!has(held, name)) window.localStorage.getItem(name);   // refused when it was read
      else if (held[name] === null) window.localStorage.removeItem(name);
      else window.localStorage.setItem(name, held[name]);
      delete unsaved[name];
    } catch (e) {
      unsaved[name] = true;
    }
  }
  function storageNotice() {
    var trouble = Object.keys(unsaved).length > 0;
    if (trouble === storageBox.classList.contains("guide-storage--on")) return;
    storageBox.classList.toggle("guide-storage--on", trouble);
    document.documentElement.classList.toggle("guide-storage-trouble", trouble);
    storageBox.querySelector("button").hidden = !trouble;
    say(storageBox.querySelector(".guide-storage__message"), trouble ? text("storage") : []);
  }

  function load() {
    var state = read(key);
    if (!isObject(state)) state = {};
    if (!isObject(state.current)) state.current = {};
    if (!Array.isArray(state.rounds)) state.rounds = [];
    if (typeof state.label !== "string") state.label = "";
    return state;
  }
  function save(state) { write(key, state); }
  // The members' files, each with a number that stays when another is removed (files stored
  // before members had numbers get theirs in the order they came).
  function loadTeam() {
    var stored = read(teamKey);
    var members = isObject(stored) && Array.isArray(stored.members) ? stored.members.filter(isObject) : [];
    var next = nextNumber(members);
    members.forEach(function (member) {
      if (!isObject(member.answers)) member.answers = {};
      if (!validNumber(member.number)) { member.number = next; next += 1; }
    });
    return { members: members };
  }
  function saveTeam(data) { write(teamKey, data.members.length ? data : null); }
  function validNumber(value) { return typeof value === "number" && value % 1 === 0 && value >= 1; }
  function nextNumber(members) {
    return members.reduce(function (n, m) { return validNumber(m.number) ? Math.max(n, m.number + 1) : n; }, 1);
  }
  function respondent(state) {
    if (typeof state.respondent !== "string" || !/^[A-Za-z0-9_-]{1,64}$/.test(state.respondent)) {
      state.respondent = randomId();
    }
    return state.respondent;
  }

  function answers() {
    var current = {};
    each(form.querySelectorAll("input[type=radio]:checked"), function (input) {
      current[input.name] = input.value;
    });
    return current;
  }
  function check(current) {
    each(form.querySelectorAll("input[type=radio]"), function (input) {
      input.checked = has(current, input.name) && current[input.name] === input.value;
    });
  }
  function size(object) { return Object.keys(object).length; }
  function same(a, b) {
    return size(a) === size(b) && Object.keys(a).every(function (name) { return b[name] === a[name]; });
  }

  // ---------------------------------------------------------------------------------------
  // Scores

  function partScore(group, current) {
    var sum = 0, answered = 0, dk = 0;
    group.items.forEach(function (item) {
      var value = has(current, item.name) ? current[item.name] : undefined;
      if (value === "dk") dk += 1;
      else if (value) { sum += Number(value); answered += 1; }
    });
    return { id: group.id, title: group.title, label: group.label, answered: answered, dk: dk,
             items: group.items.length, mean: answered ? sum / answered : null };
  }
  function scores(current) {
    return groups.map(function (group) { return partScore(group, current); });
  }
  function means(current) {
    var out = {};
    scores(current).forEach(function (row) { out[row.id] = row.mean; });
    return out;
  }
  function basis(row) {
    return text("based_on", { answered: row.answered, items: row.items });
  }
  function partial(row) { return row.mean !== null && row.answered < row.items; }

  // ---------------------------------------------------------------------------------------
  // The chart: bars on a labelled scale, drawn at the width of the page (phones included)

  var lastRows = [], lastWidth = 0;
  function wrap(label, words, width, lines) {
    var tspan = svg("tspan", { x: label.getAttribute("x") });
    label.appendChild(tspan);
    function fits(value) {
      tspan.textContent = value;
      return tspan.getComputedTextLength() <= width;
    }
    var out = [], line = "";
    words.split(/\s+/).forEach(function (word) {
      var next = line ? line + " " + word : word;
      if (!line || fits(next)) { line = next; } else { out.push(line); line = word; }
    });
    if (line) out.push(line);
    if (out.length > lines) {
      var last = out.slice(lines - 1).join(" ");
      while (last.length > 1 && !fits(last + "…")) last = last.slice(0, -1).replace(/\s+$/, "");
      out = out.slice(0, lines - 1).concat([last + "…"]);
    }
    label.removeChild(tspan);
    out.forEach(function (value, i) {
      var part = svg("tspan", i ? { x: label.getAttribute("x"), dy: "1.3em" } : { x: label.getAttribute("x") });
      part.textContent = value;
      label.appendChild(part);
    });
    return out.length;
  }

  function chart(rows) {
    lastRows = rows;
    var old = figure.querySelector("svg");
    if (old) figure.removeChild(old);
    figure.hidden = !rows.some(function (r) { return r.mean !== null; });
    if (figure.hidden) return;
    var width = Math.floor(figure.getBoundingClientRect().width) || 320;
    lastWidth = width;
    width = Math.max(200, Math.min(720, width));
    var font = 14, line = 18, bar = 18, gap = 14, left = 1, right = 42;
    var x = function (value) { return left + (width - left - right) * value / max; };
    var chartSvg = svg("svg", { "class": "guide-results__svg", width: width, role: "img",
      "aria-label": form.getAttribute("data-chart-label") + ": " + rows.map(function (r) {
        return r.label + ": " + (r.mean === null ? text("unanswered") : number(r.mean));
      }).join("; ") });
    figure.insertBefore(chartSvg, figure.firstChild);
    var y = 0;
    rows.forEach(function (row) {
      var label = svg("text", { x: left, y: y + font, "class": "guide-results__label" });
      chartSvg.appendChild(label);
      y += wrap(label, row.label, width - left - 2, 2) * line + 4;
      if (row.mean !== null) {
        chartSvg.appendChild(svg("rect", { x: left, y: y, height: bar, width: x(row.mean) - left,
                                           "class": "guide-results__bar" }));
      }
      var value = svg("text", { x: (row.mean === null ? left : x(row.mean)) + 5, y: y + bar - 4,
                                "class": "guide-results__value" });
      value.textContent = row.mean === null ? "–" : number(row.mean);
      chartSvg.appendChild(value);
      y += bar + gap;
    });
    // Gridlines at every step of the scale, behind the bars and the labels (which have a halo).
    for (var v = 1; v <= max; v++) {
      chartSvg.insertBefore(svg("line", { x1: x(v), x2: x(v), y1: 0, y2: y - gap + 2,
                                          "class": "guide-results__grid" }), chartSvg.firstChild);
    }
    chartSvg.appendChild(svg("line", { x1: left, x2: left, y1: 0, y2: y - gap + 2,
                                       "class": "guide-results__axis" }));
    y += font - 6;
    for (v = 1; v <= max; v++) {
      var tick = svg("text", { x: x(v), y: y, "text-anchor": "middle", "class": "guide-results__tick" });
      tick.textContent = String(v);
      chartSvg.appendChild(tick);
    }
    y += 6;
    chartSvg.setAttribute("height", String(y));
    chartSvg.setAttribute("viewBox", "0 0 " + width + " " + y);
  }

  function table(rows) {
    var body = results.querySelector(".guide-results__table tbody");
    body.textContent = "";
    rows.forEach(function (row) {
      var tr = element("tr");
      tr.appendChild(element("th", row.label, { scope: "row" }));
      tr.appendChild(element("td", text("of", { count: row.answered, total: row.items })));
      tr.appendChild(element("td", row.mean === null ? "–" :
        number(row.mean) + (partial(row) ? " (" + basis(row) + ")" : "")));
      body.appendChild(tr);
    });
  }

  // ---------------------------------------------------------------------------------------
  // Where to begin: the parts to propose and why, and for each the few actions to start with

  // The parts to propose: the three lowest means first; with a team, then up to two parts the
  // team disagrees on (lowest and highest member mean a whole step apart), the largest
  // standard deviation first. A low part the team also disagrees on says both.
  function spread(row) { return tenths(row.high) - tenths(row.low); }
  function disputed(row) { return row.answered >= 2 && spread(row) >= GAP * 10; }
  function proposals(rows, together) {
    var scored = rows.map(function (row, i) { return { row: row, i: i }; })
      .filter(function (r) { return r.row.mean !== null; });
    var low = scored.slice().sort(function (a, b) {
      return exact(a.row.mean) - exact(b.row.mean) || a.i - b.i;
    }).slice(0, 3);
    var split = together ? scored.filter(function (r) { return disputed(r.row); }).sort(function (a, b) {
      return exact(b.row.sd) - exact(a.row.sd) || spread(b.row) - spread(a.row) || a.i - b.i;
    }) : [];
    var chosen = low.map(function (r) {
      return { row: r.row, low: true, split: split.indexOf(r) !== -1 };
    });
    split.filter(function (r) { return low.indexOf(r) === -1; }).slice(0, 2).forEach(function (r) {
      chosen.push({ row: r.row, low: false, split: true });
    });
    return { chosen: chosen, anySplit: split.length > 0 };
  }

  function rank(list, part, weak) {
    var actions = map(list.children, function (li, index) {
      var serves = (li.getAttribute("data-serves") || "").split(" ");
      var numbered = li.getAttribute("data-numbered") !== "false";
      var months = function (name) {
        return li.hasAttribute(name) ? Number(li.getAttribute(name)) : Infinity;
      };
      return { li: li, index: index, numbered: numbered, step: Number(li.getAttribute("data-step")),
               also: weak.filter(function (w) { return w !== part && serves.indexOf(w) !== -1; }),
               min: months("data-months-min"), max: months("data-months-max"),
               area: li.getAttribute("data-area-title"), duration: li.getAttribute("data-duration") };
    });
    var order = function (a) { return a.numbered && a.step > 0 ? a.step : Infinity; };
    var compare = function (p, q) { return p === q ? 0 : p < q ? -1 : 1; };
    actions.sort(function (a, b) {
      return b.also.length - a.also.length || compare(order(a), order(b)) ||
        compare(a.max, b.max) || compare(a.min, b.min) || a.index - b.index;
    });
    // Three to start with; a fourth and fifth only when they also serve another proposed part.
    return actions.slice(0, 3).concat(actions.slice(3, 5).filter(function (a) {
      return a.also.length > 0;
    }));
  }

  function reasons(action) {
    var out = action.also.map(function (id) { return text("reason_also", { part: parts[id].title }); });
    if (!action.numbered) out.push(text("reason_area", { area: action.area }));
    else if (action.step === 1) out.push(text("reason_first", { area: action.area }));
    else out.push(text("reason_step", { step: action.step, area: action.area }));
    if (action.duration) out.push(text("reason_duration", { duration: action.duration }));
    return out.join(" ");
  }

  // Why a part is proposed, in the numbers the tables show.
  function why(choice, together) {
    var row = choice.row, out = [];
    if (choice.low && together) {
      out.push(text("why_low_team", { mean: number(row.mean), answered: row.answered, members: row.members }));
    } else if (choice.low) {
      out.push(text("why_low_own", { mean: number(row.mean) + (partial(row) ? " (" + basis(row) + ")" : "") }));
    }
    if (choice.split) {
      out.push(text("why_split", { low: number(row.low), high: number(row.high), sd: number(row.sd) }));
    }
    return out.join(" ");
  }

  function proposal(choice, ids, together) {
    var row = choice.row;
    var part = element("div", undefined, { "class": "guide-weak", "data-weak": row.id,
      "data-why": [choice.low ? "low" : "", choice.split ? "split" : ""].join(" ").trim() });
    part.appendChild(element("h4", row.label));
    var reason = element("p", undefined, { "class": "guide-weak__reason" });
    reason.appendChild(element("strong", text("why")));
    reason.appendChild(document.createTextNode(" " + why(choice, together)));
    part.appendChild(reason);
    var source = document.querySelector('[data-recommend="' + CSS.escape(row.id) + '"]');
    var list = source.querySelector(".guide-recommend__actions");
    if (list) {
      part.appendChild(element("p", text("actions")));
      part.appendChild(source.querySelector(".guide-recommend__judgement").cloneNode(true));
      var ol = element("ol", undefined, { "class": "guide-weak__actions" });
      rank(list, row.id, ids).forEach(function (action) {
        var li = element("li", undefined, { "data-also": action.also.join(" ") });
        li.appendChild(action.li.querySelector("a").cloneNode(true));
        li.appendChild(element("span", reasons(action), { "class": "guide-weak__why" }));
        ol.appendChild(li);
      });
      part.appendChild(ol);
    } else {
      part.appendChild(element("p", text("no_actions")));
      part.appendChild(source.querySelector(".guide-recommend__statements").cloneNode(true));
    }
    var more = element("p", text("more") + " ", { "class": "guide-weak__more" });
    more.appendChild(source.querySelector(".guide-recommend__part a").cloneNode(true));
    part.appendChild(more);
    ["reflection", "asked", "questions", "kit"].forEach(function (name) {
      var found = source.querySelector(".guide-recommend__" + name);
      if (found) part.appendChild(found.cloneNode(true));
    });
    return part;
  }

  // rows: the team's statistics (together) or this form's scores.
  function weakest(rows, together, people) {
    var box = results.querySelector(".guide-results__weakest");
    box.textContent = "";
    var plan = proposals(rows, together);
    results.querySelector(".guide-plan__tools").hidden = !plan.chosen.length;
    if (!plan.chosen.length) return;
    box.appendChild(element("p", together ? text("weakest_team", {
      members: count(people.length, "member"), gap: number(GAP) }) : text("weakest_intro"),
      { "class": "guide-weak__intro" }));
    if (together && !plan.anySplit) {
      box.appendChild(element("p", text("weakest_agree", { gap: number(GAP) }), { "class": "guide-weak__agree" }));
    }
    var ids = plan.chosen.map(function (choice) { return choice.row.id; });
    plan.chosen.forEach(function (choice) { box.appendChild(proposal(choice, ids, together)); });
  }

  // ---------------------------------------------------------------------------------------
  // Rounds

  function roundLabel(round) {
    return round.team ? text("team_round", { date: day(round.date),
                                             members: count(round.team, "member") })
                      : day(round.date);
  }

  function rounds(state) {
    var compare = results.querySelector(".guide-rounds__table");
    compare.parentNode.hidden = state.rounds.length === 0;
    var head = compare.querySelector("thead tr");
    while (head.children.length > 1) head.removeChild(head.lastChild);
    state.rounds.forEach(function (round) {
      // The date never breaks at its hyphens; a team round's note may wrap below it.
      var th = element("th", undefined, { scope: "col" });
      var around = round.team ? text("team_round", { date: "\u0000",
                                                     members: count(round.team, "member") })
                                  .split("\u0000") : ["", ""];
      th.appendChild(document.createTextNode(around[0]));
      th.appendChild(element("span", day(round.date), { "class": "guide-nowrap" }));
      th.appendChild(document.createTextNode(around.slice(1).join("")));
      head.appendChild(th);
    });
    var body = compare.querySelector("tbody");
    body.textContent = "";
    groups.forEach(function (group) {
      var tr = element("tr");
      tr.appendChild(element("th", group.label, { scope: "row" }));
      state.rounds.forEach(function (round) {
        var mean = isObject(round.scores) ? round.scores[group.id] : null;
        tr.appendChild(element("td", typeof mean === "number" ? number(mean) : "–"));
      });
      body.appendChild(tr);
    });
  }

  function addRound(round, status) {
    var state = load();
    var clash = function (r) { return r.date === round.date && !r.team === !round.team; };
    if (state.rounds.some(clash) && !window.confirm(text("round_exists", { date: day(round.date) }))) {
      return;
    }
    state.rounds = state.rounds.filter(function (r) { return !clash(r); }).concat([round])
      .sort(function (a, b) {
        return a.date < b.date ? -1 : a.date > b.date ? 1 : (a.team ? 1 : 0) - (b.team ? 1 : 0);
      });
    save(state);
    render();
    say(status, text("round_saved", { date: day(round.date) }));
  }

  function dateOf(input) {
    return validDate(input.value) ? input.value : today();
  }

  // ---------------------------------------------------------------------------------------
  // The team: each member's file, averaged part by part (each member counts once)

  function memberAnswers(data) {
    if (size(data.current)) return data.current;
    var own = data.rounds.filter(function (r) { return !r.team && size(r.answers); });
    return own.length ? own[own.length - 1].answers : {};
  }
  function memberName(member) {
    var name = text("team_member", { number: member.number });
    return member.label ? text("team_named", { label: member.label, member: name }) : name;
  }
  // A member's file holds this form's person: the same respondent and the same answers.
  function isOwn(member, state) {
    return size(state.current) > 0 && member.respondent === state.respondent &&
      same(member.answers, state.current);
  }
  // Who else claims this member's respondent with other answers: another member or this form.
  function twinOf(member, state, members) {
    if (member.respondent === state.respondent && size(state.current) &&
        !same(member.answers, state.current)) {
      return text("team_yours");
    }
    var other = members.filter(function (m) {
      return m !== member && m.respondent === member.respondent && !same(m.answers, member.answers);
    })[0];
    return other ? memberName(other) : "";
  }
  // The people the team's results count, each once: once members' files are in, the answers in
  // this form count as one member too (and a file of this form's person does not count again).
  // Null without members' files.
  function crew(state, members) {
    if (!members.length) return null;
    var people = size(state.current) ? [{ answers: state.current }] : [];
    members.forEach(function (member) {
      if (!isOwn(member, state)) people.push({ answers: member.answers });
    });
    return people;
  }

  function teamStats(people) {
    return groups.map(function (group) {
      var values = [], dk = 0;
      people.forEach(function (person) {
        var score = partScore(group, person.answers);
        if (score.mean !== null) values.push(score.mean);
        dk += score.dk;
      });
      var n = values.length;
      var mean = n ? values.reduce(function (a, b) { return a + b; }, 0) / n : null;
      var sd = n ? Math.sqrt(values.reduce(function (a, b) { return a + (b - mean) * (b - mean); }, 0) / n)
                 : null;
      return { id: group.id, label: group.label, answered: n, members: people.length, mean: mean,
               low: n ? Math.min.apply(null, values) : null,
               high: n ? Math.max.apply(null, values) : null, sd: sd, dk: dk };
    });
  }

  function memberLine(member) {
    var values = { member: memberName(member), file: member.file, answers: size(member.answers) };
    if (!member.file) return text("team_line_device", values);
    if (typeof member.exported === "string" && validDate(member.exported.slice(0, 10))) {
      values.date = day(member.exported.slice(0, 10));
      return text("team_line_dated", values);
    }
    return text("team_line", values);
  }

  function memberList(state, members) {
    var box = team.querySelector(".guide-team__members");
    var list = box.querySelector("ul");
    list.textContent = "";
    box.hidden = !members.length;
    if (!members.length) return;
    if (size(state.current)) {
      list.appendChild(element("li", text("team_line_own", { answers: size(state.current) }),
                               { "data-member": "own" }));
    }
    members.forEach(function (member) {
      var li = element("li", undefined, { "data-member": String(member.number) });
      li.appendChild(element("span", memberLine(member)));
      var other = twinOf(member, state, members);
      var flag = isOwn(member, state) ? text("team_flag_own") :
        other ? text("team_flag_same_id", { other: other }) : "";
      if (flag) li.appendChild(element("span", flag, { "class": "guide-team__flag" }));
      var button = element("button", text("team_remove"), { type: "button",
        "data-action": "remove-member", "data-member": String(member.number) });
      button.appendChild(element("span", " " + memberName(member), { "class": "guide-visually-hidden" }));
      li.appendChild(button);
      list.appendChild(li);
    });
  }

  function teamView(state, members, people) {
    var n = people ? people.length : 0;
    team.querySelector(".guide-team__count").textContent =
      n ? text("team_count", { members: count(n, "member") }) : "";
    team.querySelector(".guide-team__view").hidden = !n;
    team.querySelector(".guide-team__tools").hidden = !n;
    memberList(state, members);
    var body = team.querySelector(".guide-team__table tbody");
    body.textContent = "";
    teamStats(people || []).forEach(function (row) {
      var tr = element("tr", undefined, { "data-part": row.id });
      tr.appendChild(element("th", row.label, { scope: "row" }));
      tr.appendChild(element("td", text("of", { count: row.answered, total: row.members })));
      tr.appendChild(element("td", row.mean === null ? "–" : number(row.mean)));
      tr.appendChild(element("td", row.low === null ? "–" : number(row.low) + "–" + number(row.high)));
      tr.appendChild(element("td", row.sd === null ? "–" : number(row.sd)));
      tr.appendChild(element("td", String(row.dk)));
      body.appendChild(tr);
    });
  }

  // ---------------------------------------------------------------------------------------
  // Files: the one format, checked value by value before anything is used

  function validDate(value) {
    if (typeof value !== "string" || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
    var day = new Date(value + "T00:00:00Z");
    return !isNaN(day.getTime()) && day.toISOString().slice(0, 10) === value;
  }

  // A member's own label: plain text of at most 40 characters (controls and direction marks
  // removed), or "".
  function cleanLabel(value) {
    if (typeof value !== "string") return "";
    var plain = value.replace(/[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2066-\u2069]/g, "")
      .replace(/\s+/g, " ").trim();
    return Array.from(plain).slice(0, LABEL_MAX).join("");
  }

  // A part of a file name: letters and digits of any language, the rest one hyphen.
  function safeName(value) {
    var name = String(value).normalize("NFC").toLowerCase()
      .replace(/[^\p{L}\p{N}]+/gu, "-").replace(/^-+|-+$/g, "");
    return Array.from(name).slice(0, 60).join("").replace(/-+$/, "");
  }
  // self-assessment title - member (label, or "member" and a short id) - date . extension
  function fileName(state, extension) {
    var id = respondent(state);
    var member = safeName(state.label) || safeName(text("team_member", { number: id.slice(0, 6) }));
    return [safeName(title), member, today()].join("-") + "." + extension;
  }

  // Answers of this assessment: every value on the scale or "dk"; unknown statements (from
  // another version of the guide) are left out, and counted in tally.unknown.
  function cleanAnswers(raw, tally) {
    if (!isObject(raw)) return null;
    var out = {}, valid = true;
    Object.keys(raw).forEach(function (name) {
      var value = raw[name];
      if (typeof value !== "string" || allowed[value] !== true) valid = false;
      else if (known[name] === true) out[name] = value;
      else if (tally) tally.unknown += 1;
    });
    return valid ? out : null;
  }

  function cleanScores(raw) {
    if (!isObject(raw)) return null;
    var out = {}, valid = true;
    Object.keys(raw).forEach(function (id) {
      var value = raw[id];
      if (value !== null && (typeof value !== "number" || !isFinite(value) || value < 1 || value > max)) {
        valid = false;
      } else if (parts[id]) { out[id] = value; }
    });
    return valid ? out : null;
  }

  function cleanRound(raw) {
    if (!isObject(raw) || !validDate(raw.date)) return null;
    var answers = cleanAnswers(raw.answers === undefined ? {} : raw.answers);
    if (!answers) return null;
    if (raw.team !== undefined) {
      if (typeof raw.team !== "number" || raw.team % 1 !== 0 || raw.team < 1 || raw.team > 10000) {
        return null;
      }
      var scored = cleanScores(raw.scores);
      return scored ? { date: raw.date, answers: {}, scores: scored, team: raw.team } : null;
    }
    if (raw.scores !== undefined && !cleanScores(raw.scores)) return null;
    return { date: raw.date, answers: answers, scores: means(answers) };
  }

  // {data} or {reason}: the text a file holds, as this assessment's answers. Files of version 1
  // without "label" (before it existed) read the same.
  function parse(content) {
    var data;
    try { data = JSON.parse(content); } catch (e) { return { reason: "reason_json" }; }
    if (!isObject(data) || data.format !== FORMAT || data.version !== 1) {
      return { reason: "reason_format" };
    }
    if (data.assessment !== assessment) return { reason: "reason_assessment" };
    if (typeof data.respondent !== "string" || !/^[A-Za-z0-9_-]{1,64}$/.test(data.respondent) ||
        typeof data.lang !== "string" || !/^[a-z]{2,3}$/.test(data.lang)) {
      return { reason: "reason_format" };
    }
    var tally = { unknown: 0 };
    var current = cleanAnswers(data.current, tally);
    if (!current || !Array.isArray(data.rounds) || data.rounds.length > 1000) {
      return { reason: "reason_values" };
    }
    var cleaned = [];
    for (var i = 0; i < data.rounds.length; i++) {
      var round = cleanRound(data.rounds[i]);
      if (!round) return { reason: "reason_values" };
      cleaned = cleaned.filter(function (r) { return r.date !== round.date || !r.team !== !round.team; });
      cleaned.push(round);
    }
    cleaned.sort(function (a, b) { return a.date < b.date ? -1 : a.date > b.date ? 1 : 0; });
    var exported = typeof data.exported === "string" && validDate(data.exported.slice(0, 10)) &&
      /^\d{4}-\d\d-\d\dT[0-9:.]+Z$/.test(data.exported) ? data.exported : "";
    return { data: { respondent: data.respondent, current: current, rounds: cleaned,
                     label: cleanLabel(data.label), exported: exported, unknown: tally.unknown } };
  }

  // Reads the files (at most 1 MB each) and calls done([{file, data} or {file, reason}]).
  function readFiles(files, done) {
    var out = [], left = files.length;
    if (!left) return;
    each(files, function (file, i) {
      var finish = function (result) {
        result.file = file.name;
        out[i] = result;
        left -= 1;
        if (!left) done(out);
      };
      if (file.size > MAX_BYTES) { finish({ reason: "reason_size" }); return; }
      var reader = new FileReader();
      reader.onload = function () { finish(parse(String(reader.result))); };
      reader.onerror = function () { finish({ reason: "reason_json" }); };
      reader.readAsText(file);
    });
  }

  function rejected(result) {
    return text("file_rejected", { file: result.file, reason: text(result.reason) });
  }

  function randomId() {
    var bytes = new Uint8Array(12);
    window.crypto.getRandomValues(bytes);
    return map(bytes, function (b) { return (b < 16 ? "0" : "") + b.toString(16); }).join("");
  }

  function download(name, type, content) {
    var link = element("a", "", { download: name });
    link.href = URL.createObjectURL(new Blob([content], { type: type }));
    document.body.appendChild(link);
    link.click();
    setTimeout(function () { URL.revokeObjectURL(link.href); link.remove(); });
  }

  // The one way content reaches CSV: quoted, and never read as a formula by a spreadsheet
  // (OWASP: a cell starting with = + - @ tab or CR, after any spaces, gets a leading apostrophe).
  function csvCell(value) {
    value = String(value);
    if (/^\s*[=+\-@\t\r]/.test(value)) value = "'" + value;
    return '"' + value.replace(/"/g, '""') + '"';
  }
  function csvLine(cells) { return cells.map(csvCell).join(";"); }

  // ---------------------------------------------------------------------------------------
  // Everything on the page, from what is stored

  function render() {
    var state = load(), members = loadTeam().members;
    var rows = scores(state.current);
    results.querySelector(".guide-results__empty").hidden =
      rows.some(function (r) { return r.mean !== null; });
    chart(rows);
    table(rows);
    var people = crew(state, members);
    results.setAttribute("data-basis", people ? "team" : "own");
    teamView(state, members, people);
    weakest(people ? teamStats(people) : rows, !!people, people);
    rounds(state);
  }

  var toolStatus = tools.querySelector(".guide-assessment__status");
  var toolAlert = tools.querySelector(".guide-assessment__alert");
  var roundStatus = results.querySelector(".guide-rounds__status");
  var teamStatus = team.querySelector(".guide-team__status");
  var teamAlert = team.querySelector(".guide-team__alert");
  var roundDate = results.querySelector("input[name=round-date]");
  var teamDate = team.querySelector("input[name=team-date]");
  var labelInput = tools.querySelector("input[name=label]");

  // The meeting plan: the page prints only the table the proposals come from and the proposals
  // with their actions and reflection questions (guide.css, html.guide-print-plan).
  function printPlan() {
    var people = crew(load(), loadTeam().members);
    results.querySelector(".guide-plan__basis").textContent = people ?
      text("plan_team", { members: count(people.length, "member"), date: day(today()) }) :
      text("plan_own", { date: day(today()) });
    document.documentElement.classList.add("guide-print-plan");
    window.print();
  }
  window.addEventListener("afterprint", function () {
    document.documentElement.classList.remove("guide-print-plan");
  });

  var actions = {
    "print": function () {
      document.documentElement.classList.remove("guide-print-plan");
      window.print();
    },
    "print-plan": printPlan,
    "export-csv": function () {
      var state = load();
      var heads = state.rounds.map(roundLabel);
      var label = function (value) { return value && labels[value] ? labels[value] : ""; };
      var lines = [csvLine([text("group"), text("statement"), text("answer_now")].concat(heads))];
      groups.forEach(function (group) {
        group.items.forEach(function (item) {
          lines.push(csvLine([group.label, item.legend.textContent.trim(),
                              label(state.current[item.name])].concat(state.rounds.map(function (r) {
                                return label(r.answers && r.answers[item.name]);
                              }))));
        });
      });
      lines.push("");
      lines.push(csvLine([text("group"), text("mean_now")].concat(heads)));
      var now = means(state.current);
      groups.forEach(function (group) {
        lines.push(csvLine([group.label, now[group.id] === null ? "" : number(now[group.id])]
          .concat(state.rounds.map(function (r) {
            var mean = isObject(r.scores) ? r.scores[group.id] : null;
            return typeof mean === "number" ? number(mean) : "";
          }))));
      });
      var name = fileName(state, "csv");
      save(state);
      download(name, "text/csv;charset=utf-8", "\ufeff" + lines.join("\r\n") + "\r\n");
    },
    "export-json": function () {
      var state = load();
      var name = fileName(state, "json");
      save(state);
      var data = {
        format: FORMAT, version: 1, assessment: assessment, lang: lang,
        exported: new Date().toISOString(), respondent: state.respondent,
        current: state.current,
        rounds: state.rounds.map(function (r) {
          var round = { date: r.date, answers: r.team ? {} : r.answers, scores: r.scores };
          if (r.team) round.team = r.team;
          return round;
        })
      };
      if (state.label) data.label = state.label;
      download(name, "application/json", JSON.stringify(data, null, 1));
    },
    "delete": function () {
      var state = load(), members = loadTeam().members.length;
      var stored = size(state.current) + state.rounds.length + members;
      if (stored && !window.confirm(text("delete_confirm", {
        answers: size(state.current), rounds: count(state.rounds.length, "round"),
        members: count(members, "member") }))) {
        return;
      }
      write(key, null);
      write(teamKey, null);
      check({});
      labelInput.value = "";
      [toolAlert, roundStatus, teamStatus, teamAlert].forEach(function (r) { say(r, []); });
      render();
      say(toolStatus, text("deleted"));
    },
    "save-round": function () {
      var state = load();
      if (!size(state.current)) { say(roundStatus, text("round_empty")); return; }
      var answersNow = JSON.parse(JSON.stringify(state.current));
      addRound({ date: dateOf(roundDate), answers: answersNow, scores: means(answersNow) }, roundStatus);
    },
    "new-round": function () {
      var state = load();
      var n = size(state.current);
      var saved = state.rounds.some(function (r) { return !r.team && same(r.answers || {}, state.current); });
      if (n && !saved && !window.confirm(text("new_round_confirm", { answers: n }))) return;
      state.current = {};
      save(state);
      check({});
      render();
      say(roundStatus, text("new_round_done"));
    },
    // Another person on this device: a new respondent and an empty form. The answers in the
    // form go to the team (as a member of their own, unless already there); that person's own
    // rounds are removed from the device (the question says so, and how to keep them).
    "new-person": function () {
      var state = load(), data = loadTeam();
      var n = size(state.current);
      var own = state.rounds.filter(function (r) { return !r.team; }).length;
      var there = data.members.filter(function (m) { return isOwn(m, state); })[0];
      var member = there || { respondent: respondent(state), answers: state.current,
                              label: state.label, file: "", exported: "",
                              number: nextNumber(data.members) };
      if (n || own) {
        var question = [text("new_person_confirm")];
        if (n) question.push(text("new_person_answers", { answers: n, member: memberName(member) }));
        if (own) question.push(text("new_person_rounds", { rounds: count(own, "round") }));
        question.push(text("new_person_question"));
        if (!window.confirm(question.join(" "))) return;
      }
      if (n && !there) {
        data.members.push(member);
        saveTeam(data);
      }
      save({ current: {}, rounds: state.rounds.filter(function (r) { return r.team; }),
             respondent: randomId(), label: "" });
      check({});
      labelInput.value = "";
      [toolAlert, teamAlert, teamStatus].forEach(function (r) { say(r, []); });
      render();
      say(toolStatus, [text("new_person_done")].concat(
        n ? [text("new_person_moved", { member: memberName(member) })] : []).join(" "));
    },
    "save-team-round": function () {
      var people = crew(load(), loadTeam().members);
      if (!people) return;
      var scored = {};
      teamStats(people).forEach(function (row) { scored[row.id] = row.mean; });
      addRound({ date: dateOf(teamDate), answers: {}, scores: scored, team: people.length },
               teamStatus);
    },
    "clear-team": function () {
      var members = loadTeam().members.length;
      if (!window.confirm(text("team_clear_confirm", { members: count(members, "member") }))) return;
      write(teamKey, null);
      say(teamAlert, []);
      render();
      say(teamStatus, text("team_cleared"));
    },
    // One member out of the team, after saying what goes (the file itself stays where it is).
    "remove-member": function (button) {
      var number = Number(button.getAttribute("data-member"));
      var data = loadTeam();
      var member = data.members.filter(function (m) { return m.number === number; })[0];
      if (!member) return;
      var name = memberName(member);
      if (!window.confirm(text(member.file ? "team_remove_confirm" : "team_remove_confirm_device",
                               { member: name, file: member.file, answers: size(member.answers) }))) {
        return;
      }
      var index = data.members.indexOf(member);
      data.members.splice(index, 1);
      saveTeam(data);
      render();
      say(teamAlert, []);
      say(teamStatus, text("team_removed", { member: name }));
      var buttons = team.querySelectorAll("[data-action=remove-member]");
      (buttons[Math.min(index, buttons.length - 1)] || team.querySelector("input[name=team-files]")).focus();
    }
  };

  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest("[data-action]");
    if (button && has(actions, button.getAttribute("data-action"))) {
      actions[button.getAttribute("data-action")](button);
    }
  });

  // One's own file, back on this device (or on a new one).
  var restore = tools.querySelector("input[name=restore]");
  restore.addEventListener("change", function () {
    say(toolStatus, []);
    say(toolAlert, []);
    readFiles(restore.files, function (found) {
      restore.value = "";
      var result = found[0];
      if (!result.reason && !size(result.data.current) && !result.data.rounds.length) {
        result = { file: result.file, reason: "reason_empty" };
      }
      if (result.reason) { say(toolAlert, rejected(result)); return; }
      var state = load();
      if ((size(state.current) || state.rounds.length) && !window.confirm(text("restore_confirm", {
        answers: size(state.current), rounds: count(state.rounds.length, "round") }))) {
        return;
      }
      state.current = result.data.current;
      state.rounds = result.data.rounds;
      state.respondent = result.data.respondent;
      state.label = result.data.label;
      save(state);
      check(state.current);
      labelInput.value = state.label;
      render();
      say(toolStatus, [text("restored", { file: result.file, answers: size(state.current),
                                          rounds: count(state.rounds.length, "round") })].concat(
        result.data.unknown ? [text("unknown", { file: result.file, count: result.data.unknown })] : []));
    });
  });

  // The members' files. A file counts as the member it claims to be only with the same answers
  // (the same file again); the same respondent with other answers is added beside it and
  // flagged, so that no member's answers are ever overwritten by another file.
  function addMember(data, state, result, done, errors) {
    var answers = memberAnswers(result.data);
    if (!size(answers)) { errors.push(rejected({ file: result.file, reason: "reason_empty" })); return; }
    var member = { respondent: result.data.respondent, answers: answers, label: result.data.label,
                   file: result.file, exported: result.data.exported };
    var twin = data.members.filter(function (m) {
      return m.respondent === member.respondent && same(m.answers, answers);
    })[0];
    if (result.data.unknown) done.push(text("unknown", { file: result.file, count: result.data.unknown }));
    if (twin) {
      member.number = twin.number;
      data.members[data.members.indexOf(twin)] = member;
      done.push(text("team_replaced", { file: result.file, member: memberName(member) }));
      return;
    }
    member.number = nextNumber(data.members);
    data.members.push(member);
    var other = twinOf(member, state, data.members);
    if (other) {
      errors.push(text("team_same_id", { file: result.file, other: other, member: memberName(member),
                                         list: text("team_members") }));
    } else if (isOwn(member, state)) {
      done.push(text("team_own", { file: result.file }));
    } else {
      done.push(text("team_added", { file: result.file, member: memberName(member) }));
    }
  }

  var teamFiles = team.querySelector("input[name=team-files]");
  teamFiles.addEventListener("change", function () {
    say(teamStatus, []);
    say(teamAlert, []);
    readFiles(teamFiles.files, function (found) {
      teamFiles.value = "";
      var data = loadTeam(), state = load(), done = [], errors = [];
      found.forEach(function (result) {
        if (result.reason) errors.push(rejected(result));
        else addMember(data, state, result, done, errors);
      });
      saveTeam(data);
      render();
      say(teamStatus, done);
      say(teamAlert, errors);
    });
  });

  form.addEventListener("change", function (event) {
    if (event.target.type !== "radio") return;
    var state = load();
    state.current = answers();
    save(state);
    render();
  });
  // Enter in the label field would send the form (and every answer in its address): never.
  form.addEventListener("submit", function (event) { event.preventDefault(); });
  labelInput.addEventListener("input", function () {
    var state = load();
    state.label = cleanLabel(labelInput.value);
    save(state);
  });
  window.addEventListener("resize", function () {
    if (!figure.hidden && Math.floor(figure.getBoundingClientRect().width) !== lastWidth) {
      chart(lastRows);
    }
  });

  var start = load();
  check(start.current);
  labelInput.value = start.label;
  roundDate.value = today();
  teamDate.value = today();
  tools.hidden = false;
  results.hidden = false;
  storageNotice();
  render();
})();
