// The guide's search, behind Material's search dialog: Material's bundle talks to this worker
// with its own messages (READY, QUERY, RESULT), and the worker answers with Pagefind.
//
// Nothing is loaded until the first query. Then Pagefind's index (site/<lang>/pagefind/) and the
// guide's word list (pagefind/guide-words.json, written by guide/search.py) are fetched. The word
// list turns what a reader types into words the index holds: without å/ä/ö/æ/ø, with one typo,
// the part of a compound, or a synonym from the glossary. Results are escaped here, since
// Material shows titles and texts as HTML.
"use strict";

var READY = 1, QUERY = 2, RESULT = 3;
var BASE = new URL("../../../", self.location.href);   // the language's site root
var MAX_RESULTS = 20;     // results shown
var RANKED = 12;          // results whose page kind is looked up to rank them
var MAX_SEARCHES = 8;     // Pagefind searches per query (the query and its variants)
var MAX_WORDS = 5;        // words of a question also searched on their own
var APART = 0.35;         // the weight of a page's score for one word of several
var PHRASE = 5;           // the weight of a page that has three of the words in a row
var TERM_SIMILARITY = 8;  // Pagefind ranking: penalty for longer words that begin like the typed one

var engine = null;        // a promise of {pagefind, words}
var latest = 0;           // the newest query; answers to older ones are dropped

self.postMessage({ type: READY });
self.onmessage = function (event) {
  var message = event.data || {};
  if (message.type === 0) self.postMessage({ type: READY });   // Material's SETUP
  if (message.type !== QUERY) return;
  var id = ++latest;
  search(String(message.data || "")).then(function (found) {
    // total: every page that matches, though only the best are shown
    if (id === latest) self.postMessage({ type: RESULT, data: found });
  }, function (error) {
    if (id === latest) self.postMessage({ type: RESULT, data: { items: [], total: 0 } });
    console.error("guide search:", error);
  });
};

function load() {
  if (!engine) {
    engine = Promise.all([
      import(new URL("pagefind/pagefind.js", BASE).href).then(function (pagefind) {
        // termSimilarity: a word that only begins like the typed one (komme → kommune) counts less.
        return pagefind.options({ baseUrl: BASE.pathname, excerptLength: 24,
                                  ranking: { termSimilarity: TERM_SIMILARITY } }).then(function () {
          return pagefind;
        });
      }),
      fetch(new URL("pagefind/guide-words.json", BASE)).then(function (r) { return r.json(); })
    ]).then(function (both) { return { pagefind: both[0], words: wordList(both[1]) }; });
  }
  return engine;
}

// ---------------------------------------------------------------------------------------------
// Words: what the reader typed, and the index's words it may stand for
// ---------------------------------------------------------------------------------------------

// The same key for a word with and without its letters å ä ö æ ø (also written aa ae oe).
function key(word) {
  return word.toLowerCase()
    .replace(/æ|ä/g, "a").replace(/ø|ö/g, "o").replace(/å/g, "a")
    .normalize("NFD").replace(/[\u0300-\u036f]/g, "")
    .replace(/ae/g, "a").replace(/oe/g, "o").replace(/aa/g, "a");
}

function wordList(data) {
  var byKey = new Map(), all = [];
  (data.words || []).forEach(function (entry) {
    var word = entry[0], count = entry[1], k = key(word);
    if (!byKey.has(k)) byKey.set(k, []);
    byKey.get(k).push(word);
    all.push({ word: word, key: k, count: count });
  });
  all.sort(function (a, b) { return b.count - a.count; });
  var synonyms = new Map();
  Object.keys(data.synonyms || {}).forEach(function (k) { synonyms.set(k, data.synonyms[k]); });
  return { byKey: byKey, all: all, synonyms: synonyms, stop: new Set(data.stop || []),
           known: new Set(all.map(function (w) { return w.word; })) };
}

// One edit (a letter added, removed, changed, or two swapped) turns a into b.
function oneEdit(a, b) {
  if (a === b || Math.abs(a.length - b.length) > 1) return false;
  var i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  if (a.length === b.length) {
    return a.slice(i + 1) === b.slice(i + 1) ||
      (a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2));
  }
  return a.length > b.length ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
}

// At most two edits turn a into b (Damerau-Levenshtein, for longer words: tilitt -> tillit).
function twoEdits(a, b) {
  if (Math.abs(a.length - b.length) > 2) return false;
  var prev2 = null, prev = [], row;
  for (var j = 0; j <= b.length; j++) prev.push(j);
  for (var i = 1; i <= a.length; i++) {
    row = [i];
    var best = i;
    for (var k = 1; k <= b.length; k++) {
      var cost = a[i - 1] === b[k - 1] ? 0 : 1;
      var d = Math.min(prev[k] + 1, row[k - 1] + 1, prev[k - 1] + cost);
      if (prev2 && i > 1 && k > 1 && a[i - 1] === b[k - 2] && a[i - 2] === b[k - 1]) {
        d = Math.min(d, prev2[k - 2] + 1);
      }
      row.push(d);
      if (d < best) best = d;
    }
    if (best > 2) return false;
    prev2 = prev; prev = row;
  }
  return prev[b.length] <= 2;
}

// The words a typed word may stand for, best first, each with a weight (1 = as typed).
function variants(typed, words) {
  var found = new Map();
  function add(word, weight) {
    if (!found.has(word) || found.get(word) < weight) found.set(word, weight);
  }
  var k = key(typed);
  add(typed, 1);
  (words.byKey.get(k) || []).forEach(function (word) { add(word, 0.95); });
  (words.synonyms.get(k) || []).forEach(function (word) { add(word, 0.9); });
  var exact = words.known.has(typed) || words.byKey.has(k);
  if (k.length >= 4) {       // the word as the last part of a compound: fravær -> skolefravær
    var parts = 0;
    for (var i = 0; i < words.all.length && parts < 4; i++) {
      var w = words.all[i];
      if (w.key.length > k.length + 2 && w.key.slice(-k.length) === k) { add(w.word, 0.85); parts++; }
    }
  }
  if (k.length >= 6) {   // another ending: anmälan -> anmälningar
    var stem = k.slice(0, -2), endings = 0;
    for (var m = 0; m < words.all.length && endings < 3; m++) {
      if (words.all[m].key.indexOf(stem) === 0 && words.all[m].key !== k) {
        add(words.all[m].word, 0.7); endings++;
      }
    }
  }
  if (!exact && k.length >= 5) {   // one typo in a longer word, two in a long one
    var fixes = 0;
    for (var j = 0; j < words.all.length && fixes < 3; j++) {
      if (oneEdit(k, words.all[j].key)) { add(words.all[j].word, 0.8); fixes++; }
    }
    for (var t = 0; k.length >= 6 && fixes === 0 && t < words.all.length && fixes < 2; t++) {
      if (twoEdits(k, words.all[t].key)) { add(words.all[t].word, 0.7); fixes++; }
    }
  }
  return Array.from(found, function (e) { return { word: e[0], weight: e[1] }; });
}

// The words of a question that carry its meaning: without the language's short words (og, i,
// hvordan …), unless nothing else is left.
function meaningful(text, words) {
  var typed = text.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter(Boolean);
  var kept = typed.filter(function (word) { return !words.stop.has(word); });
  return kept.length ? kept : typed;
}

// The searches for a query: its words together as typed, with one word at a time replaced by
// each of its variants; and, for several words, each word on its own (a page scores for every
// word it has, so the page with most of them comes first).
function queries(text, words) {
  var typed = meaningful(text, words);
  if (!typed.length) return { together: [], apart: [], phrases: [] };
  // A word the guide does not use is likely a typo: Pagefind would answer it with pages that
  // merely share its first letters, so the query as typed counts for less than its variants.
  var unknown = typed.some(function (word) {
    return !words.known.has(word) && !words.byKey.has(key(word));
  });
  var list = [{ text: typed.join(" "), weight: unknown ? 0.5 : 1 }];
  var phrase = text.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter(Boolean).join(" ");
  [phrase, typed.join(" ")].forEach(function (p) {   // a phrase the glossary knows
    (words.synonyms.get(key(p)) || []).forEach(function (s) { list.push({ text: s, weight: 0.9 }); });
  });
  typed.forEach(function (word, index) {
    variants(word, words).forEach(function (v) {
      if (v.word === word) return;
      var copy = typed.slice();
      copy[index] = v.word;
      list.push({ text: copy.join(" "), weight: v.weight });
    });
  });
  list.sort(function (a, b) { return b.weight - a.weight; });
  var apart = [];
  if (typed.length > 1) {
    typed.slice(0, MAX_WORDS).forEach(function (word) {
      var best = variants(word, words).sort(function (a, b) { return b.weight - a.weight; })
        .filter(function (v) { return words.known.has(v.word) || words.byKey.has(key(v.word)); });
      if (best.length) apart.push({ text: best[0].word, weight: APART * best[0].weight });
    });
  }
  return { together: list.slice(0, MAX_SEARCHES), apart: apart, phrases: phrases(text, words) };
}

// Three words in a row of a question, two of them words that carry meaning («komme på skolen»),
// searched as a phrase: a page with the very words answers the question.
function phrases(text, words) {
  var all = text.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter(Boolean), found = [];
  for (var i = 0; i + 3 <= all.length && found.length < 3; i++) {
    var three = all.slice(i, i + 3);
    var meaning = three.filter(function (w) { return !words.stop.has(w); }).length;
    if (meaning >= 2) found.push({ text: '"' + three.join(" ") + '"', weight: PHRASE });
  }
  return found;
}

// ---------------------------------------------------------------------------------------------
// Searching and ranking
// ---------------------------------------------------------------------------------------------

function search(text) {
  if (!text.trim()) return Promise.resolve({ items: [], total: 0 });
  return load().then(function (e) {
    var q = queries(text, e.words);
    function run(list) {
      return Promise.all(list.map(function (one) {
        return e.pagefind.search(one.text).then(function (r) {
          return (r && r.results || []).map(function (hit) {
            return { hit: hit, score: hit.score * one.weight };
          });
        });
      }));
    }
    return Promise.all([run(q.together), run(q.apart.concat(q.phrases))]).then(function (both) {
      var best = new Map();
      both[0].forEach(function (hits) {   // the words together: the best variant counts
        hits.forEach(function (h) {
          var seen = best.get(h.hit.id);
          if (!seen || seen.score < h.score) best.set(h.hit.id, { hit: h.hit, score: h.score });
        });
      });
      both[1].forEach(function (hits) {   // each word apart, each phrase: every one counts
        hits.forEach(function (h) {
          var seen = best.get(h.hit.id);
          if (seen) seen.score += h.score;
          else best.set(h.hit.id, { hit: h.hit, score: h.score });
        });
      });
      var total = best.size;
      var top = Array.from(best.values())
        .sort(function (a, b) { return b.score - a.score; }).slice(0, RANKED);
      return Promise.all(top.map(function (h) {
        return h.hit.data().then(function (data) { return { data: data, score: h.score }; });
      })).then(function (pages) {
        pages.forEach(function (p) { p.score *= Number(p.data.meta.rank || 1); });
        pages.sort(function (a, b) { return b.score - a.score; });
        return { items: pages.slice(0, MAX_RESULTS).map(function (p) { return item(p.data, p.score); }),
                 total: total };
      });
    });
  });
}

// One result as Material's dialog shows it: one list of documents per page.
function item(data, score) {
  var meta = data.meta || {};
  var terms = {};
  (data.excerpt.match(/<mark>[^<]*<\/mark>/g) || []).forEach(function (m) {
    var word = m.slice(6, -7).toLowerCase().replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, "");
    if (word) terms[word] = true;
  });
  return [{
    location: data.url,
    title: escape(meta.title || ""),
    text: "<p>" + excerpt(data.excerpt) + "</p>",
    tags: meta.kind ? [escape(meta.kind)] : undefined,
    score: score,
    terms: terms
  }];
}

// Pagefind's excerpt is escaped text with <mark> around matches: keep exactly that.
function excerpt(html) {
  return String(html).split(/(<mark>|<\/mark>)/).map(function (part) {
    if (part === "<mark>" || part === "</mark>") return part;
    return escape(unescape(part));
  }).join("");
}

function unescape(text) {
  return text.replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'").replace(/&amp;/g, "&");
}

function escape(text) {
  return String(text).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;").replace(/'/g, "&#39;");
}
