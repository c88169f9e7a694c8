// 读者点深色/浅色开关时，这一帧里关掉过渡动画，颜色一下子换好（Material 原来的做法，见 docs/hooks/palette.py：
// 规则改挂在 <html data-dl-color-switching> 上，打开页面时没人设它，浏览器就不必为它重算整页样式）。
// 捕获阶段监听：先于 Material 换配色执行；两帧后去掉属性，与 Material 在下一帧去掉它的属性一样。
document.addEventListener(
  "change",
  (event) => {
    const input = event.target;
    if (!(input instanceof HTMLInputElement) || input.name !== "__palette") return;
    const root = document.documentElement;
    root.setAttribute("data-dl-color-switching", "");
    requestAnimationFrame(() => requestAnimationFrame(() => root.removeAttribute("data-dl-color-switching")));
  },
  true,
);
// 打开页面时 Material 要换配色（hooks/palette.py 的页眉脚本已设上属性）：等它换好（DOMContentLoaded 时挂载）后两帧去掉
if (document.documentElement.hasAttribute("data-dl-color-switching")) {
  document.addEventListener("DOMContentLoaded", () =>
    requestAnimationFrame(() =>
      requestAnimationFrame(() => document.documentElement.removeAttribute("data-dl-color-switching")),
    ),
  );
}
