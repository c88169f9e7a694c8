"""无障碍与手机宽度的检查（``test_a11y.py`` 逐页调用；``benchmarks`` 不用它）。

* ``axe_violations``：把 npm 的 axe-core（``tests/e2e/node_modules``，由 ``tests/run`` 用
  ``npm ci`` 按 ``package-lock.json`` 安装，测试时从不联网取）注入页面，只跑 WCAG 2.0/2.1 A 与
  AA 规则（``AXE_TAGS``），返回每条违规：规则、影响、出错元素的选择器。浅色、深色两种配色各跑一次
  （``color_scheme`` 模拟系统偏好，Material 据此选调色板；测试也核对 body 上的配色真的换了）。
* ``phone_check``：375 px 宽的手机视口（触屏、移动端）里 ``document.documentElement.scrollWidth``
  （大于视口宽度就说明整页要横向滚动），以及会滚动的盒子能否用键盘到达。
* ``focus_report``：按 Tab 键走遍页面，每个获得焦点的元素都要有看得见的焦点框。

两者都先等 MathJax（若页面加载了它）排好公式：公式的最终标记才是读者看到的。
这里刻意不导入 Playwright（由调用者传入 ``browser``）。
"""

from __future__ import annotations

from pathlib import Path

from pagecheck import new_context

AXE_JS = Path(__file__).resolve().parent / "node_modules" / "axe-core" / "axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
PHONE = {"width": 375, "height": 812}
SCHEMES = {"light": "default", "dark": "slate"}  # Playwright 的 color_scheme → Material 的配色名


def axe_source() -> str:
    """axe-core 的源码；没有安装时抛出 FileNotFoundError 并说明怎么装（绝不跳过）。"""
    if not AXE_JS.is_file():
        raise FileNotFoundError(
            f"找不到 {AXE_JS}：axe-core 没有安装。请运行 npm ci --prefix tests/e2e"
            "（./tests/run 会自动运行它）")
    return AXE_JS.read_text(encoding="utf-8")


# 字体按需加载：排版用到某个字形时才开始下载，所以 fonts.ready 可能在下载开始之前就已兑现。
# 等到连续两帧之后仍然没有字体在加载（最多约 3 秒）。
_FONTS_SETTLED_JS = """(async () => {
  const frame = () => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)));
  for (let i = 0; i < 30; i++) {
    await document.fonts.ready;
    await frame();
    if (document.fonts.status === "loaded") { await frame(); if (document.fonts.status === "loaded") break; }
    await new Promise(r => setTimeout(r, 100));
  }
  return true;
})()"""


def _wait_math(page) -> None:
    """公式在构建时已经排好；等字体加载完：公式与中文的宽度取决于它们的字体。"""
    page.evaluate(_FONTS_SETTLED_JS)


_RUN_AXE = """async ([kind, values]) => {
  const r = await axe.run(document, {runOnly: {type: kind, values}, resultTypes: ["violations"]});
  return r.violations.map(v => ({
    rule: v.id, impact: v.impact, help: v.help,
    targets: v.nodes.map(n => n.target.map(t => Array.isArray(t) ? t.join(" >>> ") : t).join(" | ")),
  }));
}"""


def axe_violations(browser, url: str, scheme: str, source: str | None = None) -> list[dict]:
    """在 ``scheme``（"light"/"dark"）下打开 ``url`` 跑 axe；返回违规列表（空 = 通过）。

    配色没有真的换成 ``SCHEMES[scheme]`` 时抛出 AssertionError（否则深色模式等于没查）。"""
    blocked: list[str] = []
    context = new_context(browser, blocked)
    try:
        page = context.new_page()
        page.emulate_media(color_scheme=scheme)
        page.goto(url, wait_until="load")
        _wait_math(page)
        got = page.evaluate("document.body.getAttribute('data-md-color-scheme')")
        assert got == SCHEMES[scheme], f"{url}：模拟 {scheme} 配色后 body 的配色是 {got!r}"
        # 屏幕外的正文块用了 content-visibility: auto（stylesheets/render.css），浏览器还没排版它们，
        # axe 算不出那里的文字颜色与背景；先把它们都排出来（颜色与平时相同），axe 查的就是全部内容
        page.add_style_tag(content="* { content-visibility: visible !important; }")
        page.add_script_tag(content=source or axe_source())
        return page.evaluate(_RUN_AXE, ["tag", AXE_TAGS])
    finally:
        context.close()


def wide_elements(browser, url: str, limit: int = 8) -> list[str]:
    """手机视口里伸出视口右边的元素（最深的那些），用来在失败信息里指出是谁撑宽了页面。"""
    context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True, service_workers="block")
    try:
        page = context.new_page()
        page.goto(url, wait_until="load")
        _wait_math(page)
        return page.evaluate("""([vw, limit]) => {
          const out = [];
          const sel = el => el.tagName.toLowerCase() + (el.id ? "#" + el.id : "")
            + [...el.classList].slice(0, 2).map(c => "." + c).join("");
          for (const el of document.body.querySelectorAll("*")) {
            const r = el.getBoundingClientRect();
            if (r.right <= vw + 0.5 || r.width === 0) continue;
            if ([...el.children].some(c => c.getBoundingClientRect().right > vw + 0.5)) continue;
            let clipped = false;  // 在自己会滚动/裁剪的盒子里：不撑宽页面
            for (let a = el.parentElement; a && a !== document.body; a = a.parentElement) {
              if (getComputedStyle(a).overflowX !== "visible" && a.getBoundingClientRect().right <= vw + 0.5) {
                clipped = true; break;
              }
            }
            if (clipped) continue;
            let path = [], e = el;
            for (let i = 0; e && e !== document.body && i < 4; i++, e = e.parentElement) path.unshift(sel(e));
            out.push(path.join(" > ") + ` (右边缘 ${Math.round(r.right)} px)`);
            if (out.length >= limit) break;
          }
          return out;
        }""", [PHONE["width"], limit])
    finally:
        context.close()


def phone_check(browser, url: str, source: str | None = None) -> tuple[int, list[dict]]:
    """375 px 手机视口（触屏）里：整页宽度（``scrollWidth``），以及 axe 的 scrollable-region-focusable
    （会滚动的盒子都能用键盘到达；桌面宽度下不滚动的代码块，在手机上才滚动）。"""
    context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True, service_workers="block")
    try:
        page = context.new_page()
        page.goto(url, wait_until="load")
        _wait_math(page)
        # a11y.js 在空闲时把屏幕外（还没排版的）行内公式量一遍，会滚动的才能聚焦：等它量完
        page.wait_for_function("document.documentElement.dataset.dlInlineMath === 'checked'", timeout=30000)
        width = page.evaluate("document.documentElement.scrollWidth")
        page.add_script_tag(content=source or axe_source())
        return width, page.evaluate(_RUN_AXE, ["rule", ["scrollable-region-focusable"]])
    finally:
        context.close()


_FOCUS_JS = r"""() => {
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  const desc = el.tagName.toLowerCase() + (el.id ? "#" + el.id : "")
    + [...el.classList].filter(c => c !== "focus-visible").slice(0, 2).map(c => "." + c).join("")
    + (el.getAttribute("href") ? `[href="${el.getAttribute("href").slice(0, 40)}"]` : "");
  const ring = e => {
    if (!e) return false;
    const s = getComputedStyle(e);
    return (s.outlineStyle !== "none" && parseFloat(s.outlineWidth) >= 1) || s.boxShadow !== "none";
  };
  // Material 把开关做成隐藏的 input，焦点框画在它后面的 label 上
  const shown = ring(el) || (el.tagName === "INPUT" && [...el.labels || []].some(ring))
    || (el.tagName === "INPUT" && ring(el.nextElementSibling));
  return {desc, shown, scroll: el.hasAttribute("data-dl-scroll")};
}"""


def focus_report(browser, url: str, presses: int = 250) -> dict:
    """按 Tab 键走遍页面（最多 ``presses`` 次）：每个获得焦点的元素有没有看得见的焦点框。"""
    blocked: list[str] = []
    context = new_context(browser, blocked)
    try:
        page = context.new_page()
        page.goto(url, wait_until="load")
        _wait_math(page)
        name = page.evaluate("document.querySelector('[data-md-component=search][role=dialog]')"
                             "?.getAttribute('aria-label') ?? null")
        seen, invisible, scroll = set(), [], 0
        for _ in range(presses):
            page.keyboard.press("Tab")
            info = page.evaluate(_FOCUS_JS)
            if info is None or info["desc"] in seen:
                continue
            seen.add(info["desc"])
            scroll += info["scroll"]
            if not info["shown"]:
                invisible.append(info["desc"])
        return {"dialogName": name, "visited": len(seen), "invisible": invisible, "scrollBoxes": scroll}
    finally:
        context.close()
