// 搜索索引等读者要搜索时再下载：推迟 Material 的 bundle 对 search/search_index.json 那一次 XHR 的 send()，
// 直到读者聚焦/按下搜索框或搜索按钮、切换 #__search、按 / s f；地址带 ?h= 或 ?q= 时不推迟。
// 说明与构建时的核对见 docs/hooks/search_index.py（它把本脚本放在 bundle 之前）。
(() => {
  "use strict";
  const params = new URLSearchParams(location.search);
  if (params.get("h") || params.has("q")) return;

  const proto = XMLHttpRequest.prototype;
  const { open, send, abort } = proto;
  const urls = new WeakMap(); // XHR → open() 时的地址
  const pending = new Map(); // 推迟发送的 XHR → send() 的参数
  const SEARCH = 'input[data-md-component="search-query"], label[for="__search"]';
  const KEYS = new Set(["/", "s", "f"]); // Material 在页面上打开搜索的快捷键
  let wanted = false;

  const isIndex = (url) => {
    try {
      return new URL(url, document.baseURI).pathname.endsWith("/search/search_index.json");
    } catch {
      return false;
    }
  };

  proto.open = function (method, url, ...rest) {
    urls.set(this, String(url));
    pending.delete(this);
    return open.call(this, method, url, ...rest);
  };
  proto.send = function (...args) {
    if (!wanted && isIndex(urls.get(this))) {
      pending.set(this, args);
      return undefined;
    }
    return send.apply(this, args);
  };
  proto.abort = function () {
    pending.delete(this);
    return abort.call(this);
  };

  const editable = (el) =>
    el instanceof HTMLElement &&
    (el.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(el.tagName));
  const inSearch = (target) => target instanceof Element && target.closest(SEARCH) !== null;

  const onFocus = (event) => inSearch(event.target) && want();
  const onPointer = (event) => inSearch(event.target) && want();
  const onChange = (event) => event.target instanceof Element && event.target.id === "__search" && want();
  const onKey = (event) =>
    KEYS.has(event.key) && !event.metaKey && !event.ctrlKey && !editable(event.target) && want();
  const listeners = [
    ["focusin", onFocus],
    ["pointerdown", onPointer],
    ["touchstart", onPointer],
    ["change", onChange],
    ["keydown", onKey],
  ];

  // 读者要搜索了：发出推迟的请求，不再监听（之后的 XHR 都直接发送）
  function want() {
    if (wanted) return;
    wanted = true;
    for (const [type, fn] of listeners) document.removeEventListener(type, fn, true);
    for (const [xhr, args] of pending) send.apply(xhr, args);
    pending.clear();
  }

  for (const [type, fn] of listeners) document.addEventListener(type, fn, { capture: true, passive: true });
})();
