// Search page: Pagefind (a bundle per language and run of months, newest first, see load()) with filters, highlighted excerpts and an
// option to search both languages; a search without results offers the other language when it has
// some, and the language switch keeps the query. Interface strings come from data-* attributes that
// the template fills from the gettext catalogue. Nothing from the index is inserted as HTML: excerpts
// and their <mark> highlights are rebuilt element by element.
(function () {
  "use strict";
  var root = document.querySelector("[data-search]");
  if (!root) return;
  var form = root.querySelector("form");
  var input = root.querySelector("#search-q");
  var both = root.querySelector("#search-both");
  var scope = root.querySelector("[data-scope]");
  var scopeText = root.querySelector("[data-scope-text]");
  var scopeAll = root.querySelector("[data-scope-all]");
  var body = root.querySelector(".search-body");
  var status = root.querySelector("#search-status");
  var list = root.querySelector("[data-results]");
  var filterBox = root.querySelector("[data-filters]");
  var panel = root.querySelector("[data-filters-panel]");
  var elsewhere = root.querySelector("[data-elsewhere]");
  var switchers = document.querySelectorAll(".lang-switch a");
  // The filters, in order: each taxonomy's (data/taxonomies.yaml `filter:`), then year and language;
  // search.html names them (data-filter-names) and gives each its legend (data-label-<name>).
  var FILTERS = (root.getAttribute("data-filter-names") || "").split(" ").filter(Boolean);
  var params = new URLSearchParams(location.search);
  var chosen = {};
  // Per set of bundles ("own", "other"): its shards, newest first, how many of them are merged, and
  // the promise of the loaded Pagefind. Searches that overlap must not merge a shard twice.
  var sets = {};
  var timer = null;
  var searchCount = 0;
  var PAGE_SIZE = 10;  // results whose excerpts are fetched at once; "More results" fetches the next ones
  // A Pagefind index that cannot match every word of a query answers with pages matching some of
  // them, scored 30 to 100 times lower (0.013 of the best full match in 20-page shards, 0.01 in
  // year shards; a single mention scores about a third of a title match). Each shard decides that
  // alone, so a shard without the whole query would pad real matches from other shards with such
  // partial ones: drop results under this share of the best score (when nothing matches fully, all
  // are partial and all stay).
  var PARTIAL_MATCH_RATIO = 0.03;
  // Pagefind's filter counts include those dropped results; when some were dropped, the counts are
  // made again from the data of the results kept, if there are at most this many of them (partial
  // matches come with rare words, so the full matches are few; above this, Pagefind's stand).
  var RECOUNT_LIMIT = 100;

  // Han characters: Chinese words, which Pagefind segments (and may segment differently at query time).
  var HAN = /[\u3400-\u9fff\uf900-\ufaff]/;
  var HAN_RUNS = /[\u3400-\u9fff\uf900-\ufaff]+/g;

  body.hidden = false;
  // Filters sit beside the results on a wide screen and in a closed panel after them on a narrow one.
  var wide = window.matchMedia("(min-width: 56rem)");
  panel.open = wide.matches;
  wide.addEventListener("change", function () { panel.open = wide.matches; });
  input.value = params.get("q") || "";
  both.checked = params.get("both") === "1";

  function text(name, values) {
    var template = root.getAttribute("data-text-" + name) || "";
    return template.replace(/\{(\w+)\}/g, function (_, key) { return values && key in values ? values[key] : ""; });
  }

  function element(tag, className, content) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (content !== undefined) node.textContent = content;
    return node;
  }

  // Pagefind's excerpt (text with <mark> around the words it matched) as its text, spaces squashed
  // as in squash(), and the [start, end) of each mark, trimmed to letters and digits ("robotics,"
  // marks "robotics").
  function parseExcerpt(excerpt) {
    var parsed = new DOMParser().parseFromString("<p>" + squash(excerpt) + "</p>", "text/html").body.firstChild;
    var text = "", marks = [];
    parsed.childNodes.forEach(function (child) {
      var start = text.length;
      text += child.textContent;
      if (child.nodeType !== 1 || child.tagName !== "MARK") return;
      var word = child.textContent.match(/^[^\p{L}\p{N}]*(.*?)[^\p{L}\p{N}]*$/u);
      var from = start + child.textContent.indexOf(word[1]);
      if (word[1]) marks.push([from, from + word[1].length]);
    });
    return { text: text, marks: marks };
  }

  function squash(value) { return value.replace(/\s+/g, " ").trim(); }

  // A Chinese query is segmented again at search time, and its pieces match words by prefix: 机器人
  // becomes 机器 + 人, and 人 marks the 人 of 人工; 王伟中 becomes 王伟 + 中, and 中 marks any 中. Keep
  // a Chinese mark only when it is two characters or more of a Chinese run of the query, and mark
  // every place the text holds such a run whole.
  function chineseMarks(text, marks, runs) {
    var kept = marks.filter(function (mark) {
      var word = text.slice(mark[0], mark[1]);
      return !HAN.test(word) || word.length > 1 && runs.some(function (run) { return run.indexOf(word) !== -1; });
    });
    runs.forEach(function (run) {
      for (var at = text.indexOf(run); at !== -1; at = text.indexOf(run, at + run.length)) {
        kept.push([at, at + run.length]);
      }
    });
    kept.sort(function (a, b) { return a[0] - b[0]; });
    return kept.reduce(function (merged, mark) {  // overlapping and touching marks become one: 机器|人 is 机器人
      var last = merged[merged.length - 1];
      if (last && mark[0] <= last[1]) last[1] = Math.max(last[1], mark[1]);
      else merged.push(mark.slice());
      return merged;
    }, []);
  }

  // The excerpt as a paragraph, its marks fixed for Chinese queries, with "…" where it cuts the text.
  // A cut start drops stray punctuation, so that it starts at a word; a cut through a Chinese run of
  // the query moves out to hold the run whole (Pagefind may end an excerpt at 王伟 of 王伟中).
  function excerptNode(data, query) {
    var excerpt = parseExcerpt(data.excerpt || ""), text = excerpt.text;
    var content = squash(data.content || ""), at = text ? content.indexOf(text) : -1;
    var runs = query.match(HAN_RUNS) || [];
    var reach = at < 0 ? 0 : Math.max.apply(null, [1].concat(runs.map(function (run) { return run.length; }))) - 1;
    var before = content.slice(Math.max(0, at - reach), Math.max(0, at));
    var wide = before + text + content.substr(at + text.length, reach);
    var shifted = excerpt.marks.map(function (m) { return [m[0] + before.length, m[1] + before.length]; });
    var marks = chineseMarks(wide, shifted, runs);
    var start = before.length, end = before.length + text.length;
    marks.forEach(function (mark) {
      if (mark[0] < start && mark[1] > start) start = mark[0];
      if (mark[0] < end && mark[1] > end) end = mark[1];
    });
    var cutBefore = at - before.length + start > 0, cutAfter = at >= 0 && at - before.length + end < content.length;
    if (cutBefore) start += wide.slice(start, end).search(/[\p{L}\p{N}\p{Ps}\p{Pi}]|$/u);
    if (cutAfter) end = start + wide.slice(start, end).search(/[\s,;:\u3001\uff0c\uff1b\uff1a]*$/);
    var paragraph = element("p", "article-item-summary", cutBefore ? "\u2026" : "");
    var position = start;
    marks.forEach(function (mark) {
      var from = Math.max(mark[0], position), to = Math.min(mark[1], end);
      if (from >= to) return;
      paragraph.appendChild(document.createTextNode(wide.slice(position, from)));
      paragraph.appendChild(element("mark", "", wide.slice(from, to)));
      position = to;
    });
    paragraph.appendChild(document.createTextNode(wide.slice(position, end) + (cutAfter ? "\u2026" : "")));
    return paragraph;
  }

  // The shards of a language, newest first: {url, language, pages, from: "YYYY-MM"} (search.html).
  function bundles(name, language) {
    var list;
    try { list = JSON.parse(root.getAttribute(name) || "[]"); } catch (error) { list = []; }
    return list.map(function (shard) {
      return { url: new URL(shard.url, location.href).href, language: language, pages: shard.pages, from: shard.from };
    });
  }

  function newestFirst(shards) {
    return shards.slice().sort(function (a, b) { return a.from < b.from ? 1 : a.from > b.from ? -1 : 0; });
  }

  var own = function () { return bundles("data-bundles", root.getAttribute("data-lang")); };
  var other = function () { return bundles("data-other-bundles", root.getAttribute("data-other-lang")); };

  // One Pagefind bundle per language and run of months (/pagefind/2025/, /zh/pagefind/2024-07_2024-12/).
  // The first query reads the newest alone, which keeps its download small whatever the archive's
  // size; older ones are merged into it as a search needs them (searchShards) or the reader asks
  // for every year. "Both languages" takes the two languages' shards newest first. `key` names the
  // set: "own" or "other"; `count` is how many of its shards the search needs.
  function load(key, shards, count) {
    var set = sets[key];
    if (!set) {
      if (!shards.length) return Promise.resolve(null);  // no article in this language yet
      set = sets[key] = { shards: shards, count: 1 };
      set.ready = import(shards[0].url + "pagefind.js").then(function (module) {
        // Result URLs are site-relative; without baseUrl Pagefind would prefix them with the bundle's folder.
        return module.options({ basePath: shards[0].url, baseUrl: root.getAttribute("data-site-root"), excerptLength: 30 })
          .then(function () { return module; });
      });
    }
    var wanted = Math.min(count, set.shards.length);
    if (wanted > set.count) {
      var more = set.shards.slice(set.count, wanted);
      set.count = wanted;
      set.ready = set.ready.then(function (module) {
        return Promise.all(more.map(function (shard) {
          return module.mergeIndex(shard.url, { language: shard.language, baseUrl: root.getAttribute("data-site-root") });
        })).then(function () { return module; });
      });
    }
    // Load every filter before searching: a search counts only the filters already loaded, so it
    // would otherwise show a partial sidebar.
    return set.ready.then(function (module) {
      return module.filters().then(function () { return module; });
    }).catch(function (error) {
      delete sets[key];  // the next search tries again
      throw error;
    });
  }

  function loadedPages(set) {
    return set.shards.slice(0, set.count).reduce(function (sum, shard) { return sum + shard.pages; }, 0);
  }

  // How many shards to hold after the loaded ones: as many pages again as are loaded, at least one
  // shard more, so a rare word reaches the oldest year in a few rounds.
  function nextCount(set) {
    var target = 2 * loadedPages(set), pages = 0, count = 0;
    while (count < set.shards.length && (count <= set.count || pages < target)) pages += set.shards[count++].pages;
    return count;
  }

  function complete(set) { return !set || set.count >= set.shards.length; }

  // Pagefind's answer from the loaded shards, its results without partial matches, and `full`: how
  // many of them surely hold the whole query. A shard that lacks a word of the query answers without
  // it, and Pagefind splits a Chinese word it does not know into pieces that other pages hold: such
  // answers look like full matches. So for a query of several words, or with Chinese, only the first
  // PAGE_SIZE results whose text holds every word (a Chinese run whole) count; their texts are
  // fetched anyway to be shown.
  function answer(module, query, options, set) {
    return module.search(query, options).then(function (search) {
      var matched = search.results.length;
      search.results = fullMatches(search);
      search.dropped = search.results.length < matched;
      search.full = search.results.length;
      var words = query.toLowerCase().split(/\s+/).filter(Boolean);
      if (complete(set) || words.length < 2 && !HAN.test(query)) return search;
      return Promise.all(search.results.slice(0, PAGE_SIZE).map(function (r) { return r.data(); })).then(function (shown) {
        search.full = shown.filter(function (data) {
          var content = squash(data.content || "").toLowerCase();
          return words.every(function (word) { return content.indexOf(word) !== -1; });
        }).length;
        return search;
      });
    });
  }

  // The loaded shards' answer; while it has fewer than `enough` sure matches and older shards
  // remain, more shards are merged and the query asked again.
  function searchShards(key, shards, query, options, enough) {
    return load(key, shards, sets[key] ? sets[key].count : 1).then(function (module) {
      if (!module) return null;
      var set = sets[key];
      return answer(module, query, options, set).then(function (search) {
        if (complete(set) || search.full >= enough) {
          return { module: module, search: search, set: set };
        }
        return load(key, shards, nextCount(set)).then(function () {
          return searchShards(key, shards, query, options, enough);
        });
      });
    });
  }

  // Pagefind's results without the partial matches of a shard that lacks some of the query's words.
  function fullMatches(search) {
    var best = search.results.length ? search.results[0].score : 0;
    return search.results.filter(function (r) { return r.score >= best * PARTIAL_MATCH_RATIO; });
  }

  // {filter: {value: count}} over these results' data, for the filters and values of `shape`.
  function countFilters(shape, data) {
    var counts = {};
    Object.keys(shape).forEach(function (name) {
      counts[name] = {};
      Object.keys(shape[name]).forEach(function (value) { counts[name][value] = 0; });
    });
    data.forEach(function (result) {
      Object.keys(result.filters || {}).forEach(function (name) {
        if (!counts[name]) return;
        result.filters[name].forEach(function (value) { counts[name][value] = (counts[name][value] || 0) + 1; });
      });
    });
    return counts;
  }

  function renderFilters(available) {
    filterBox.textContent = "";
    FILTERS.forEach(function (name) {
      var values = available[name];
      if (!values || !Object.keys(values).length) return;
      var fieldset = element("fieldset", "filter");
      fieldset.appendChild(element("legend", "", root.getAttribute("data-label-" + name)));
      Object.keys(values).sort().forEach(function (value) {
        var id = "filter-" + name + "-" + value.replace(/[^\w\u4e00-\u9fff]+/g, "-");
        var label = element("label", "filter-option");
        var box = document.createElement("input");
        box.type = "checkbox";
        box.id = id;
        box.checked = (chosen[name] || []).indexOf(value) !== -1;
        box.addEventListener("change", function () {
          var current = chosen[name] || [];
          chosen[name] = box.checked ? current.concat([value]) : current.filter(function (v) { return v !== value; });
          if (!chosen[name].length) delete chosen[name];
          run();
        });
        label.appendChild(box);
        label.appendChild(document.createTextNode(" " + value + " "));
        label.appendChild(element("span", "count", "(" + values[value] + ")"));
        fieldset.appendChild(label);
      });
      filterBox.appendChild(fieldset);
    });
  }

  // The article's terms (of every taxonomy) as links to their pages: names and URLs as the article
  // page recorded them for the index (data-terms in article.html); only web links are kept as links.
  function termChips(data) {
    var chips = element("ul", "chips");
    var terms;
    try { terms = JSON.parse(data.meta.terms || "[[], []]"); } catch (error) { terms = [[], []]; }
    terms[0].forEach(function (name, i) {
      var chip = element("a", "chip", String(name));
      var target = new URL(String(terms[1][i]), location.href);
      if (/^https?:$/.test(target.protocol)) {
        chip.href = target.origin === location.origin ? target.pathname + target.search + target.hash : target.href;
      } else {
        chip = element("span", "chip", String(name));
      }
      chips.appendChild(element("li")).appendChild(chip);
    });
    return chips;
  }

  function resultItem(data, query) {
    var item = element("li", "article-item");
    var heading = element("h3", "article-item-title");
    var target = new URL(data.url, location.href);
    var link = element("a", "", data.meta.title || data.url);
    link.href = target.origin === location.origin ? target.pathname + target.search + target.hash : target.href;
    if (data.language && data.language !== document.documentElement.lang.toLowerCase()) {
      link.lang = data.language;
      item.lang = data.language;
    }
    heading.appendChild(link);
    item.appendChild(heading);
    if (data.meta.date) item.appendChild(element("p", "meta", data.meta.date));
    item.appendChild(excerptNode(data, query));
    var chips = termChips(data);
    if (chips.children.length) item.appendChild(chips);
    return item;
  }

  var moreButton = element("button", "search-more", root.getAttribute("data-text-more"));
  moreButton.type = "button";
  moreButton.hidden = true;
  list.after(moreButton);

  // "More results" shows the next PAGE_SIZE; past the last loaded one, it merges older shards and
  // appends what they add (results already shown stay where they are).
  function showMore(found, query, options, shown, mine) {
    var results = found.search.results;
    moreButton.hidden = shown.length >= results.length && complete(found.set);
    moreButton.onclick = function () {
      var next = results.filter(function (r) { return shown.indexOf(r.id) === -1; }).slice(0, PAGE_SIZE);
      var more = next.length || complete(found.set) ? Promise.resolve(found)
        : load("own", found.set.shards, nextCount(found.set)).then(function (module) {
          return answer(module, query, options, found.set).then(function (search) {
            return { module: module, search: search, set: found.set };
          });
        });
      more.then(function (current) {
        if (mine !== searchCount) return;
        next = current.search.results.filter(function (r) { return shown.indexOf(r.id) === -1; }).slice(0, PAGE_SIZE);
        return Promise.all(next.map(function (r) { return r.data(); })).then(function (items) {
          if (mine !== searchCount) return;
          items.forEach(function (data) { list.appendChild(resultItem(data, query)); });
          var first = list.children[shown.length] && list.children[shown.length].querySelector("a");
          showMore(current, query, options, shown.concat(next.map(function (r) { return r.id; })), mine);
          showScope(current.set);
          status.textContent = text("results", { count: current.search.results.length, query: query });
          if (first) first.focus();  // keyboard users land on the first new result
        });
      });
    };
  }

  // Which articles the results come from, while older shards are still unread, and the offer to read them all.
  function showScope(set) {
    scope.hidden = complete(set);
    if (scope.hidden) return;
    var oldest = set.shards[set.count - 1].from.split("-");
    var month = new Intl.DateTimeFormat(document.documentElement.lang, { year: "numeric", month: "long" })
      .format(new Date(Date.UTC(+oldest[0], +oldest[1] - 1, 15)));
    scopeText.textContent = text("since", { since: month });
  }

  // Whether the other language has results for a query this language has none for (filters chosen
  // here do not apply there, so then it is not asked; nor when both languages are searched already).
  function otherLanguageHas(query) {
    if (both.checked || Object.keys(chosen).length) return Promise.resolve(false);
    return searchShards("other", other(), query, {}, 1).then(function (found) {
      return found ? found.search.results.length > 0 : false;
    }).catch(function () { return false; });  // this language's answer stands
  }

  // The language switch (every other language) and the offer of the other language carry the query.
  function carryQuery(url) {
    var query = url.searchParams.get("q");
    var setSearch = function (link, search) { link.setAttribute("href", link.getAttribute("href").split("?")[0] + search); };
    switchers.forEach(function (switcher) { setSearch(switcher, url.search); });
    setSearch(root.querySelector("[data-elsewhere-other]"), "?" + new URLSearchParams({ q: query }));
    setSearch(root.querySelector("[data-elsewhere-both]"), "?" + new URLSearchParams({ q: query, both: "1" }));
  }

  function run() {
    var query = input.value.trim();
    var mine = ++searchCount;
    var url = new URL(location.href);
    url.searchParams.set("q", query);
    if (both.checked) url.searchParams.set("both", "1"); else url.searchParams.delete("both");
    history.replaceState(null, "", url);
    carryQuery(url);
    elsewhere.hidden = true;
    if (!query) {
      status.textContent = "";
      list.textContent = "";
      return;
    }
    status.textContent = text("loading");
    var options = { filters: chosen, sort: {} };
    var shards = newestFirst(own().concat(both.checked ? other() : []));
    searchShards("own", shards, query, options, PAGE_SIZE).then(function (found) {
      if (!found) return [{ search: { results: [], filters: {} }, set: null }, [], {}];
      var search = found.search;
      var recount = search.dropped && search.results.length <= RECOUNT_LIMIT;
      var fetched = search.results.slice(0, recount ? RECOUNT_LIMIT : PAGE_SIZE);
      return Promise.all(fetched.map(function (r) { return r.data(); })).then(function (data) {
        if (recount) search.filters = countFilters(search.filters, data);
        return found.module.filters().then(function (available) { return [found, data.slice(0, PAGE_SIZE), available]; });
      });
    }).then(function (found) {
      return (found[0].search.results.length ? Promise.resolve(false) : otherLanguageHas(query)).then(function (offer) {
        return found.concat([offer]);
      });
    }).then(function (found) {
      if (mine !== searchCount) return;
      var search = found[0].search, items = found[1];
      renderFilters(search.filters && Object.keys(search.filters).length ? search.filters : found[2]);
      list.textContent = "";
      items.forEach(function (data) { list.appendChild(resultItem(data, query)); });
      showMore(found[0], query, options, search.results.slice(0, items.length).map(function (r) { return r.id; }), mine);
      showScope(found[0].set);
      var count = search.results.length;
      status.textContent = count === 0 ? text(found[3] ? "no-results-here" : "no-results", { query: query })
        : count === 1 ? text("one-result", { query: query })
        : text("results", { count: count, query: query });
      elsewhere.hidden = !found[3];
      panel.parentNode.hidden = count === 0 && !Object.keys(chosen).length;  // nothing to narrow, nothing to untick
    }).catch(function () {
      if (mine === searchCount) status.textContent = text("error");
    });
  }

  // Every shard, then the same query again.
  scopeAll.addEventListener("click", function () {
    var set = sets.own;
    if (!set) return;
    status.textContent = text("loading");
    load("own", set.shards, set.shards.length).then(run, function () { status.textContent = text("error"); });
  });

  // Enter searches at once; the search the last keystroke scheduled would run the same query again
  // and re-draw the filters under a reader who has already tabbed into them.
  form.addEventListener("submit", function (event) { event.preventDefault(); clearTimeout(timer); run(); });
  input.addEventListener("input", function () { clearTimeout(timer); timer = setTimeout(run, 250); });
  both.addEventListener("change", function () { sets = {}; chosen = {}; location.search = "?q=" + encodeURIComponent(input.value.trim()) + (both.checked ? "&both=1" : ""); });
  if (input.value) run();
})();
