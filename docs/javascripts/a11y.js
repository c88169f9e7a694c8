// 键盘能到达会滚动的盒子（issue 16）。大部分在构建时已经做好（docs/hooks/a11y.py 给代码块、
// 表格、行间公式加了 tabindex="0"），这里只补两处只有在浏览器里才知道的情况：
//
// 1. Material 在没有悬停能力的设备（手机、平板）上会把代码块的 tabindex 去掉；接上蓝牙键盘的
//    读者就 Tab 不到会滚动的代码了。盒子真的能滚动时，把 tabindex 放回去。
// 2. 行内公式不能折行，过长时在自己的行内盒子里滚动（见 a11y.css）；只有这时才让它可聚焦
//    （每个行内公式都可聚焦会让 Tab 键停几百次）。
(() => {
  const scrolls = el => el.scrollWidth > el.clientWidth + 1;
  const INLINE_MATH = ".md-typeset span.arithmatex, .md-typeset span.math-inline";

  const restore = el => {
    if (el.hasAttribute("data-dl-scroll") && !el.hasAttribute("tabindex") && scrolls(el)) {
      el.setAttribute("tabindex", "0");
    }
  };
  new MutationObserver(records => {
    for (const r of records) restore(r.target);
  }).observe(document.documentElement, {attributes: true, attributeFilter: ["tabindex"], subtree: true});

  const inline = new ResizeObserver(entries => {
    for (const {target: el} of entries) {
      if (scrolls(el)) {
        el.setAttribute("tabindex", "0");
        el.setAttribute("role", "region");
        el.setAttribute("aria-label", "公式");
      } else if (el.getAttribute("role") === "region") {
        el.removeAttribute("tabindex");
        el.removeAttribute("role");
        el.removeAttribute("aria-label");
      }
    }
  });
  const watch = () => {
    for (const el of document.querySelectorAll(INLINE_MATH)) inline.observe(el);
    for (const el of document.querySelectorAll("[data-dl-scroll]")) restore(el);
  };
  // Material 的 instant 导航不重新加载页面：每次换页都重新找一遍
  if (window.document$) document$.subscribe(watch);
  else document.addEventListener("DOMContentLoaded", watch);
})();
