// 中文字体子集（docs/hooks/cjkfont.py）加载完之后，让侧边栏重新排版。
// 只在系统缺中文字体、浏览器真的下载了子集时才有事可做。Chromium 不会重绘已经排好的粘性侧边栏
// （.md-sidebar）里的文字：不这样做，导航里最先排版的几行（站名、「首页」）一直是方框。
document.fonts.addEventListener("loadingdone", (event) => {
  if (!event.fontfaces.some((f) => f.family.replace(/"/g, "") === "dlnotes Noto Sans SC")) return;
  for (const el of document.querySelectorAll(".md-sidebar")) {
    el.style.display = "none";
    void el.offsetHeight; // 强制排版
    el.style.display = "";
  }
});
