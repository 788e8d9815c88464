/* Live reload for `make serve` (digest/livereload.py): the local server adds this script to the
   pages it sends; it is never written into the site. Every second it asks for the build state:
   a new good build reloads the page; a failed build shows its errors over the page, which is the
   last good build. Errors are set as text, never as markup. */
(function () {
  "use strict";
  var script = document.currentScript;
  var served = script.getAttribute("data-build");
  var stateUrl = new URL("build.json", script.src).href;
  var host = null;
  var shown = null; // the errors on screen (or hidden by the reader), as JSON
  var CSS = [
    ":host { all: initial; }",
    ".box { position: fixed; inset: 0 0 auto 0; z-index: 2147483647; max-height: 60vh; overflow: auto;",
    "  padding: 12px 16px 14px; background: #5c0f0f; color: #fff; box-shadow: 0 4px 16px rgba(0,0,0,.45);",
    "  font: 14px/1.45 system-ui, sans-serif; }",
    ".title { margin: 0 0 8px; font-weight: 700; font-size: 16px; }",
    ".hint { margin: 0 0 8px; }",
    "ol { margin: 0; padding-left: 1.5em; }",
    "li { margin: 4px 0; font: 13px/1.45 ui-monospace, Menlo, Consolas, monospace; white-space: pre-wrap;",
    "  overflow-wrap: anywhere; }",
    "button { margin-top: 10px; padding: 4px 12px; font: inherit; color: #5c0f0f; background: #fff;",
    "  border: 0; border-radius: 3px; cursor: pointer; }",
    "button:focus-visible { outline: 3px solid #ffd24d; outline-offset: 2px; }"
  ].join("\n");

  function element(name, className, text) {
    var node = document.createElement(name);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function show(state) {
    var key = JSON.stringify(state.errors);
    if (key === shown) return;
    clear();
    shown = key;
    host = element("div");
    host.id = "live-build-errors";
    var root = host.attachShadow({ mode: "open" });
    var box = element("div", "box");
    box.setAttribute("role", "alert");
    box.lang = "en";
    var count = state.error_count === 1 ? "1 error" : state.error_count + " errors";
    box.appendChild(element("p", "title", "Build failed: " + count));
    box.appendChild(element("p", "hint", "This page is the last good build. It reloads when a build succeeds."));
    var list = element("ol");
    state.errors.forEach(function (error) { list.appendChild(element("li", "", error)); });
    box.appendChild(list);
    if (state.error_count > state.errors.length) {
      box.appendChild(element("p", "hint", "… and " + (state.error_count - state.errors.length) + " more in the terminal."));
    }
    var hide = element("button", "", "Hide");
    hide.type = "button";
    hide.addEventListener("click", function () { host.remove(); host = null; });
    box.appendChild(hide);
    root.appendChild(element("style", "", CSS));
    root.appendChild(box);
    document.body.appendChild(host);
  }

  function clear() {
    if (host) host.remove();
    host = null;
    shown = null;
  }

  function poll() {
    fetch(stateUrl, { cache: "no-store" })
      .then(function (response) { return response.json(); })
      .then(function (state) {
        if (state.errors.length) {
          show(state);
        } else if (String(state.build) !== served) {
          location.reload();
          return;
        } else {
          clear();
        }
        setTimeout(poll, 1000);
      }, function () { setTimeout(poll, 3000); }); // the server is stopped or restarting: ask again
  }

  poll();
})();
