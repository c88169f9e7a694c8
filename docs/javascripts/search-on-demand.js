// 搜索索引等读者要搜索时再下载（docs/hooks/search_index.py 把本脚本放在 Material 的 bundle 之前）。
//
// Material 9.8 的 bundle 一启动就用 XMLHttpRequest GET search/search_index.json（几百 KiB），
// 在主线程上解析后交给 search worker：每个页面的首次浏览都为一个多数读者不用的搜索框付出这些字节和时间。
// 这里把那一个请求的 send() 推迟到读者表现出要搜索的时候——聚焦或按下搜索框、点搜索按钮
// （label[for=__search]，手机上的放大镜）、切换 #__search、按下打开搜索的快捷键 / s f——再真正发送。
// Material 手里的 XHR 对象不变，它照常收到 load 事件，之后的流程（worker、结果、高亮）与原来完全相同；
// 在推迟期间读者输入的查询，Material 本来就会等 worker 就绪后再发。
// 地址带 ?h=（从搜索结果打开、要高亮）或 ?q=（Material 打开搜索框并填好查询）时索引马上就要用：不推迟。
// file:// 下 Material 不走 XHR（它插入 search/search_index.js），本脚本不起作用。
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
