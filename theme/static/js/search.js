// Search page: Pagefind (a bundle per language and year, see load()) with filters, highlighted excerpts and an
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
  // Per set of bundles ("own", "other"), the one promise of a loaded Pagefind: searches that overlap
  // must not merge the shards twice.
  var loading = {};
  var timer = null;
  var searchCount = 0;
  var PAGE_SIZE = 10;  // results whose excerpts are fetched at once; "More results" fetches the next ones
  // A Pagefind index that cannot match every word of a query answers with pages matching some of
  // them, scored about a hundred times lower. Each year's shard decides that alone, so a year without
  // the whole query would pad real matches from other years with such partial ones: drop results
  // under this share of the best score (when nothing matches fully, all are partial and all stay).
  var PARTIAL_MATCH_RATIO = 0.01;
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

  function bundles(name, language) {
    return (root.getAttribute(name) || "").split(" ").filter(Boolean).map(function (url) {
      return { url: new URL(url, location.href).href, language: language };
    });
  }

  var own = function () { return bundles("data-bundles", root.getAttribute("data-lang")); };
  var other = function () { return bundles("data-other-bundles", root.getAttribute("data-other-lang")); };

  // One Pagefind bundle per language and year, or run of small years (/pagefind/2025/,
  // /zh/pagefind/2020-2022/): the first (newest) is loaded, the others merged into it; "both
  // languages" merges the other language's bundles too. `key` names the set: "own" or "other".
  function load(key, shards) {
    if (loading[key]) return loading[key];
    if (!shards.length) return Promise.resolve(null);  // no article in this language yet
    loading[key] = import(shards[0].url + "pagefind.js").then(function (module) {
      // Result URLs are site-relative; without baseUrl Pagefind would prefix them with the bundle's folder.
      var siteRoot = root.getAttribute("data-site-root");
      return module.options({ basePath: shards[0].url, baseUrl: siteRoot, excerptLength: 30 }).then(function () {
        return Promise.all(shards.slice(1).map(function (shard) {
          return module.mergeIndex(shard.url, { language: shard.language, baseUrl: siteRoot });
        }));
      }).then(function () {
        // Load every filter before the first search: a search counts only the filters already
        // loaded, so the first one would otherwise show a partial sidebar.
        return module.filters();
      }).then(function () {
        return module;
      });
    }).catch(function (error) {
      delete loading[key];  // the next search tries again
      throw error;
    });
    return loading[key];
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

  function showMore(results, shown, mine, query) {
    moreButton.hidden = shown >= results.length;
    moreButton.onclick = function () {
      var next = results.slice(shown, shown + PAGE_SIZE);
      Promise.all(next.map(function (r) { return r.data(); })).then(function (items) {
        if (mine !== searchCount) return;
        items.forEach(function (data) { list.appendChild(resultItem(data, query)); });
        showMore(results, shown + items.length, mine, query);
        var first = list.children[shown] && list.children[shown].querySelector("a");
        if (first) first.focus();  // keyboard users land on the first new result
      });
    };
  }

  // Whether the other language has results for a query this language has none for (filters chosen
  // here do not apply there, so then it is not asked; nor when both languages are searched already).
  function otherLanguageHas(query) {
    if (both.checked || Object.keys(chosen).length) return Promise.resolve(false);
    return load("other", other()).then(function (module) {
      return module ? module.search(query).then(function (search) { return fullMatches(search).length > 0; }) : false;
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
    load("own", own().concat(both.checked ? other() : [])).then(function (module) {
      if (!module) return [{ results: [], filters: {} }, [], {}];
      return module.search(query, { filters: chosen, sort: {} }).then(function (search) {
        var matched = search.results.length;
        search.results = fullMatches(search);
        var recount = search.results.length < matched && search.results.length <= RECOUNT_LIMIT;
        var fetched = search.results.slice(0, recount ? RECOUNT_LIMIT : PAGE_SIZE);
        return Promise.all(fetched.map(function (r) { return r.data(); })).then(function (data) {
          if (recount) search.filters = countFilters(search.filters, data);
          return module.filters().then(function (available) { return [search, data.slice(0, PAGE_SIZE), available]; });
        });
      });
    }).then(function (found) {
      return (found[0].results.length ? Promise.resolve(false) : otherLanguageHas(query)).then(function (offer) {
        return found.concat([offer]);
      });
    }).then(function (found) {
      if (mine !== searchCount) return;
      var search = found[0], items = found[1];
      renderFilters(search.filters && Object.keys(search.filters).length ? search.filters : found[2]);
      list.textContent = "";
      items.forEach(function (data) { list.appendChild(resultItem(data, query)); });
      showMore(search.results, items.length, mine, query);
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

  // Enter searches at once; the search the last keystroke scheduled would run the same query again
  // and re-draw the filters under a reader who has already tabbed into them.
  form.addEventListener("submit", function (event) { event.preventDefault(); clearTimeout(timer); run(); });
  input.addEventListener("input", function () { clearTimeout(timer); timer = setTimeout(run, 250); });
  both.addEventListener("change", function () { loading = {}; chosen = {}; location.search = "?q=" + encodeURIComponent(input.value.trim()) + (both.checked ? "&both=1" : ""); });
  if (input.value) run();
})();
