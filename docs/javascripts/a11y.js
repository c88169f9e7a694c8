// 键盘能到达会滚动的盒子（issue 16）。大部分在构建时已经做好（docs/hooks/a11y.py 给代码块、
// 表格、行间公式加了 tabindex="0"），这里只补两处只有在浏览器里才知道的情况：
//
// 1. Material 在没有悬停能力的设备（手机、平板）上会把代码块的 tabindex 去掉；接上蓝牙键盘的
//    读者就 Tab 不到会滚动的代码了。盒子真的能滚动时，把 tabindex 放回去。
// 2. 行内公式不能折行，过长时在自己的行内盒子里滚动（见 a11y.css）；只有这时才让它可聚焦
//    （每个行内公式都可聚焦会让 Tab 键停几百次）。公式可能晚于页面出现（浏览器里排版时），
//    所以新出现的 mjx-container 也要接着观察。
(() => {
  const scrolls = el => el.scrollWidth > el.clientWidth + 1;
  const isInlineMath = el => el.nodeName === "MJX-CONTAINER" && el.getAttribute("display") !== "true"
    && !!el.closest(".md-typeset");

  const restore = el => {
    if (el.hasAttribute("data-dl-scroll") && !el.hasAttribute("tabindex") && scrolls(el)) {
      el.setAttribute("tabindex", "0");
    }
  };

  const mark = el => {
    const mine = el.getAttribute("data-dl-scroll");
    if (scrolls(el) && !mine) {
      el.setAttribute("data-dl-scroll", el.hasAttribute("tabindex") ? "inline" : "inline-tabindex");
      el.setAttribute("tabindex", "0");
      el.setAttribute("role", "region");
      el.setAttribute("aria-label", "公式");
    } else if (!scrolls(el) && mine && mine.startsWith("inline")) {
      el.removeAttribute("data-dl-scroll");
      if (mine === "inline-tabindex") el.removeAttribute("tabindex");
      el.removeAttribute("role");
      el.removeAttribute("aria-label");
    }
  };
  const inline = new ResizeObserver(entries => { for (const {target: el} of entries) mark(el); });

  // 屏幕外的正文块先不排版（content-visibility: auto，见 render.css）：那里的公式 ResizeObserver
  // 要等块排版时才报告，Tab 键却可能先经过它们。所以在手机宽度下（行内公式才会滚动），页面加载后
  // 趁空闲把每个行内公式量一遍（读 scrollWidth 会只为它排版），一次只做几毫秒，不长时间占住主线程。
  // 量完在 <html> 上记 data-dl-inline-math="checked"（测试等它）。
  const phone = window.matchMedia("screen and (max-width: 44.9375em)");
  const idle = window.requestIdleCallback || (fn => setTimeout(() => fn({timeRemaining: () => 8}), 1));
  let sweepId = 0;
  const sweep = () => {
    const id = ++sweepId;
    const root = document.documentElement;
    if (!phone.matches) { root.dataset.dlInlineMath = "checked"; return; }
    root.dataset.dlInlineMath = "checking";
    const items = [...document.querySelectorAll("mjx-container")].filter(isInlineMath);
    let i = 0;
    const step = deadline => {
      if (id !== sweepId) return;  // 又开始了一轮
      const until = performance.now() + 8;  // 每段至多约 8 ms：手机 CPU 慢几倍也不成为长任务
      while (i < items.length && deadline.timeRemaining() > 1 && performance.now() < until) mark(items[i++]);
      if (i < items.length) idle(step);
      else root.dataset.dlInlineMath = "checked";
    };
    idle(step);
  };

  new MutationObserver(records => {
    for (const r of records) {
      if (r.type === "attributes") restore(r.target);
      else for (const n of r.addedNodes) if (isInlineMath(n)) inline.observe(n);
    }
  }).observe(document.documentElement,
             {attributes: true, attributeFilter: ["tabindex"], childList: true, subtree: true});

  const watch = () => {
    for (const el of document.querySelectorAll("mjx-container")) if (isInlineMath(el)) inline.observe(el);
    for (const el of document.querySelectorAll("[data-dl-scroll]")) restore(el);
    sweep();
  };
  // Material 的 instant 导航不重新加载页面：每次换页都重新找一遍
  if (window.document$) document$.subscribe(watch);
  else document.addEventListener("DOMContentLoaded", watch);
  // 网页字体（中文子集、公式字体）晚到时，代码块可能这时才变得要滚动：再看一遍
  if (document.fonts) {
    document.fonts.ready.then(watch);
    document.fonts.addEventListener("loadingdone", watch);
  }
})();
