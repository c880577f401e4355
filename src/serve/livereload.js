// dossier serve: live reload and the build-error overlay. Injected into pages by the
// preview server only; never written to the site.
(() => {
  "use strict";
  const me = document.currentScript;
  if (!me || !window.EventSource) return;
  const build = me.dataset.build;
  const url = new URL("events", me.src);
  let source = null;
  let retry = 0;
  let overlay = null;

  // One stream per visible tab: browsers allow only six connections per host, so
  // hidden tabs let go of theirs and catch up (via `hello`) when shown again.
  function connect() {
    if (source || document.hidden) return;
    source = new EventSource(url);
    source.addEventListener("hello", (e) => {
      if (build && e.data !== build) location.reload();
    });
    source.addEventListener("reload", () => location.reload());
    source.addEventListener("error", (e) => {
      // A named `error` event carries the report; a bare one is a connection failure.
      if (typeof e.data === "string") return show(JSON.parse(e.data));
      if (source && source.readyState === EventSource.CLOSED) {
        source = null;
        retry = setTimeout(connect, 1000);
      }
    });
  }

  function disconnect() {
    clearTimeout(retry);
    if (source) source.close();
    source = null;
  }

  function el(tag, css, text) {
    const node = document.createElement(tag);
    node.style.cssText = css;
    if (text) node.textContent = text;
    return node;
  }

  function show(report) {
    hide();
    overlay = document.createElement("div");
    overlay.setAttribute("role", "alertdialog");
    overlay.setAttribute("aria-label", "dossier: the build failed");
    overlay.style.cssText = "all:initial;position:fixed;inset:1rem;z-index:2147483647;display:block";
    // A shadow root keeps the site's styles out of the overlay.
    const root = overlay.attachShadow({ mode: "open" });
    const box = el("div", "box-sizing:border-box;height:100%;overflow:auto;padding:1rem 1.25rem;" +
      "background:#1d1f21;color:#e8e8e8;border:2px solid #e5534b;border-radius:6px;" +
      "box-shadow:0 8px 32px rgba(0,0,0,.5);font:13px/1.5 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace");
    const head = el("div", "display:flex;justify-content:space-between;align-items:start;gap:1rem;margin-bottom:.75rem");
    head.append(el("strong", "color:#ff938a;font-size:14px",
      "The build failed. The page shows the last good build; fix the error and it reloads."));
    const close = el("button", "font:inherit;font-size:18px;line-height:1;padding:.1rem .5rem;cursor:pointer;" +
      "color:inherit;background:#3a3d41;border:1px solid #6b6f73;border-radius:4px", "\u00d7");
    close.type = "button";
    close.setAttribute("aria-label", "Close");
    close.addEventListener("click", hide);
    head.append(close);
    box.append(head, el("pre", "margin:0;white-space:pre-wrap;overflow-wrap:anywhere;font:inherit", report));
    root.append(box);
    overlay.addEventListener("keydown", (e) => { if (e.key === "Escape") hide(); });
    document.body.append(overlay);
    close.focus();
  }

  function hide() {
    if (overlay) overlay.remove();
    overlay = null;
  }

  document.addEventListener("visibilitychange", () => (document.hidden ? disconnect() : connect()));
  addEventListener("pagehide", disconnect);
  addEventListener("pageshow", connect);
  connect();
})();
