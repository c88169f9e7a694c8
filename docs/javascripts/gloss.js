// 术语提示（标记由 docs/hooks/glossary.py 在构建时加上，样式在 stylesheets/gloss.css）。
//
// 不用 JS 时提示靠 CSS 的 :hover / :focus 也能显示；这里做三件 CSS 做不到的事：
//   1. 把提示放进视口：改成 position: fixed，贴着术语的下方（下面放不下就放上方），
//      左右不伸出屏幕；也不会被表格的横向滚动容器裁掉；
//   2. Esc 关掉当前的提示（WCAG 1.4.13：提示可以不移动鼠标/焦点就关掉）；
//   3. 页面滚动或窗口变化时跟着术语移动。
// 只在 document 上挂一次事件（委托），所以 Material 的 instant 导航换页后同样有效。
(function () {
  "use strict";
  if (window.__glossTooltips) return;
  window.__glossTooltips = true;

  var MARGIN = 8; // 提示与视口边缘、与术语之间至少留这么多像素
  var current = null;

  function termOf(node) {
    return node && node.closest ? node.closest(".gl-term") : null;
  }

  function place(term) {
    var tip = term.querySelector(".gl-tip");
    if (!tip) return;
    var rects = term.getClientRects();
    if (!rects.length) return;
    var first = rects[0];
    var last = rects[rects.length - 1];
    var vw = document.documentElement.clientWidth;
    var vh = window.innerHeight;
    tip.style.position = "fixed";
    tip.style.left = "0px";
    tip.style.top = "0px";
    var w = tip.offsetWidth;
    var h = tip.offsetHeight;
    var left = Math.max(MARGIN, Math.min(first.left, vw - w - MARGIN));
    var top = last.bottom + 4;
    if (top + h > vh - MARGIN && first.top - h - 4 >= MARGIN) top = first.top - h - 4;
    tip.style.left = Math.round(left) + "px";
    tip.style.top = Math.round(top) + "px";
  }

  // 术语所在的正文块：屏幕外的块是 content-visibility: auto（stylesheets/render.css），它是绘制容器，
  // 会把 fixed 的提示裁掉；第一次显示提示时给块加上 gl-host，让它改回 visible（它此刻就在屏幕上）。
  // 之后不再去掉：关提示时若把块改回 auto，指针下的元素跟着变，浏览器补发 mouseover，提示又打开
  function hostOf(term) {
    return term.closest(".md-typeset > *");
  }

  function open(term) {
    if (current && current !== term) close(current);
    term.classList.remove("gl-term--dismissed");
    term.classList.add("gl-term--open");
    var host = hostOf(term);
    if (host) host.classList.add("gl-host");
    current = term;
    place(term);
    // 块刚改回 visible、附近屏幕外的块刚排版时，术语在下一帧里可能还会挪一下：到时再放一次
    requestAnimationFrame(function () {
      requestAnimationFrame(function () {
        if (current === term) place(term);
      });
    });
  }

  function close(term) {
    term.classList.remove("gl-term--open");
    if (current === term) current = null;
  }

  document.addEventListener("mouseover", function (event) {
    var term = termOf(event.target);
    if (term && term !== current) open(term);
  });
  document.addEventListener("mouseout", function (event) {
    var term = termOf(event.target);
    if (!term || term.contains(event.relatedTarget)) return;
    term.classList.remove("gl-term--dismissed");
    if (document.activeElement !== term) close(term);
  });
  document.addEventListener("focusin", function (event) {
    var term = termOf(event.target);
    if (term) open(term);
  });
  document.addEventListener("focusout", function (event) {
    var term = termOf(event.target);
    if (!term || term.contains(event.relatedTarget)) return;
    term.classList.remove("gl-term--dismissed");
    if (!term.matches(":hover")) close(term);
  });
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && current) {
      current.classList.add("gl-term--dismissed");
      close(current);
    }
  });
  function follow() {
    if (current) place(current);
  }
  window.addEventListener("scroll", follow, { passive: true, capture: true });
  window.addEventListener("resize", follow, { passive: true });
})();
