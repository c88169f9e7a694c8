"""Lighthouse 性能的前提在浏览器里成立（issue 16；分数本身是基准，在 benchmarks/lighthouse.py）。

* 每个页面里的每个 ``<img>`` 都有 ``width``/``height``，而且与图真正的宽高比一致：图到达之前
  浏览器留出的位置就是图的大小，页面不会跳；
* Material 的配色切换规则（hooks/palette.py）只在读者点配色开关时生效：打开页面时没有任何样式规则
  依赖 bundle 设在 ``<body>`` 上的属性；点开关的那一刻过渡动画关掉，两帧后恢复；
* 本站自己的脚本、Material 的 bundle 与搜索垫片都是 ``defer``，样式表只有合并后的一个（外加 cjkfont 的
  ``cjk.css``）；脚本推迟执行后，练习题、交互图、术语提示、可滚动盒子照样初始化；
* 中文字体子集在第一帧画完之后才请求，子集晚到时页面不移动。
"""

from __future__ import annotations

import re

import pytest
from sitetools import html_pages, page_path, wait_for_held

pytestmark = pytest.mark.e2e

OWN_SCRIPTS = ("gloss.js", "a11y.js", "palette-switch.js")
#: 只在用到的页面、快滚到时才加载的脚本（docs/hooks/lazyscripts.py）→ 页面里用它的元素
LAZY_SCRIPTS = {"quiz.js": '<div class="quiz"', "widgets.js": '<div class="dl-widget"'}

_IMAGES_JS = r"""async () => {
  const out = [];
  for (const img of document.querySelectorAll("img")) {
    img.loading = "eager";
    if (!img.complete) await new Promise(r => { img.onload = img.onerror = r; });
    out.push({src: img.getAttribute("src").slice(0, 60), w: img.getAttribute("width"),
              h: img.getAttribute("height"), nw: img.naturalWidth, nh: img.naturalHeight});
  }
  return out;
}"""


def test_every_img_has_width_and_height_matching_its_real_aspect_ratio(built_site, site_url, guarded_page):
    page = guarded_page
    seen = 0
    bad = []
    for html in html_pages(built_site):
        if "<img" not in html.read_text(encoding="utf-8"):
            continue
        path = page_path(built_site, html)
        page.goto(site_url + path, wait_until="load")
        for img in page.evaluate(_IMAGES_JS):
            seen += 1
            if not (img["w"] and img["h"]):
                bad.append(f"{path} {img['src']}：没有 width/height")
                continue
            assert img["nw"] > 0, f"{path} {img['src']} 没有加载出来"
            ratio, real = int(img["w"]) / int(img["h"]), img["nw"] / img["nh"]
            if abs(ratio / real - 1) > 0.01:
                bad.append(f"{path} {img['src']}：属性 {img['w']}×{img['h']}，图 {img['nw']}×{img['nh']}")
    assert seen >= 20, f"只找到 {seen} 个 <img>"
    assert not bad, bad


def test_own_scripts_are_deferred_and_own_css_is_one_file(built_site):
    for html in html_pages(built_site):
        text = html.read_text(encoding="utf-8")
        for name in OWN_SCRIPTS:
            assert f'javascripts/{name}" defer>' in text, f"{html}：{name} 没有 defer"
        # Material 的 bundle 与它前面的搜索垫片也 defer（docs/hooks/deferbundle.py）；页面里没有阻塞的外部脚本
        assert re.search(r'javascripts/search-on-demand\.js" defer></script><script src="[^"]*assets/'
                         r'javascripts/bundle\.[0-9a-f]{8}\.min\.js" defer></script>', text), html
        assert not re.search(r'<script src="[^"]*"></script>', text), f"{html}：有阻塞渲染的外部脚本"
        for name, marker in LAZY_SCRIPTS.items():
            assert not re.search(rf'<script[^>]*src="[^"]*javascripts/{name}"', text), \
                f"{html}：{name} 应由加载器按需加载，不在页面的 <script> 里"
            assert bool(re.search(rf'"[^"]*javascripts/{name}"[,\]]', text)) == (marker in text), \
                f"{html}：{name} 的加载器应恰在有 {marker} 的页面上"
        links = [line for line in text.splitlines() if 'rel="stylesheet"' in line]
        own = [line for line in links if "assets/stylesheets/main." not in line
               and "assets/stylesheets/palette." not in line]
        assert len(own) == 2 and "assets/stylesheets/dlnotes.css" in own[0] and "cjk.css" in own[1], (html, own)


def test_deferred_scripts_still_initialise_quizzes_widgets_tooltips_and_scroll_boxes(site_url, guarded_page):
    page = guarded_page
    page.goto(site_url + "/notes-1/basics/", wait_until="load")
    quizzes = page.locator("div.quiz").count()
    assert quizzes >= 6
    # quiz.js 等练习快滚到时才下载（练习在页末）；滚过去，每道题都准备好
    assert page.evaluate("performance.getEntriesByType('resource').every(e => !e.name.endsWith('/quiz.js'))")
    page.locator("div.quiz").first.scroll_into_view_if_needed()
    page.wait_for_function(f"document.querySelectorAll('div.quiz.quiz--ready').length === {quizzes}")
    # widgets.js：交互图等着滚动到附近；滚过去就加载并画出来
    widget = page.locator(".dl-widget[data-widget]").first
    assert widget.get_attribute("data-state") is None  # widgets.js 还没下载：容器不显示
    widget.locator("xpath=preceding-sibling::*[1]").scroll_into_view_if_needed()  # 它前面的静态图
    page.wait_for_function("document.querySelector('.dl-widget[data-widget]').dataset.state")
    widget.scroll_into_view_if_needed()
    page.wait_for_function("document.querySelector('.dl-widget[data-widget]').dataset.state === 'ready'")
    # gloss.js：聚焦术语时提示改成贴着术语的 position: fixed
    term = page.locator(".gl-term").first
    term.focus()
    assert page.evaluate("getComputedStyle(document.querySelector('.gl-term .gl-tip')).position") == "fixed"
    # 合并后的样式表真的生效（extra.css 给图的白底）
    assert page.evaluate("getComputedStyle(document.querySelector('.md-typeset figure img')).backgroundColor") \
        == "rgb(255, 255, 255)"


_SHIFTS_INIT = """
window.__shifts = [];
new PerformanceObserver(list => {
  for (const e of list.getEntries()) if (!e.hadRecentInput) window.__shifts.push(e.value);
}).observe({type: "layout-shift", buffered: true});
"""


_TWO_FRAMES = "() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))"


#: 第一帧画完的时刻：第一个 requestAnimationFrame 回调里排一个 setTimeout，它在这一帧绘制之后才运行
#: （页面 <head> 里的切换脚本也是这样排的，在它之后；初始化脚本先于页面的脚本注册）
_FIRST_FRAME_DONE = ("window.__painted=null;requestAnimationFrame(()=>setTimeout(()=>{"
                     "window.__painted=performance.now()}))")


@pytest.mark.parametrize("path", ["/", "/notes-1/basics/", "/notebooks/shallow_network/"])
def test_chinese_subset_is_requested_after_the_first_frame(browser, site_url, path):
    """子集（约 150 KB）在第一帧画完之后才请求（docs/hooks/cjkfont.py 的 late_face），不与第一次绘制赛跑。

    第一次排版就请求子集时（改之前），请求发生在第一帧的排版里，早于这一帧之后的 setTimeout；``@font-face``
    推迟到那之后才生效，请求只能更晚。（不用"第二帧的回调"作界线：两帧之间脚本强制的排版也会发出请求。）
    """
    context = browser.new_context(viewport={"width": 412, "height": 823})
    try:
        page = context.new_page()
        page.add_init_script(_FIRST_FRAME_DONE)
        page.goto(site_url + path, wait_until="load")
        page.wait_for_function("""() => [...document.fonts].some(
            f => f.family === "dlnotes Noto Sans SC" && f.status === "loaded")""")
        fetch, painted = page.evaluate("""() => [performance.getEntriesByType("resource")
            .find(e => e.name.endsWith("/noto-sans-sc-subset.woff2")).startTime, window.__painted]""")
    finally:
        context.close()
    assert painted is not None and fetch > painted, (
        f"{path}：子集在 {fetch:.1f} ms 开始下载，第一帧在 {painted} ms 才画完：子集在第一帧里就被请求了")


@pytest.mark.parametrize("path", ["/", "/notes-1/basics/", "/reference/deep/"])
def test_page_does_not_move_when_the_chinese_subset_arrives_late(browser, site_url, path):
    """这台机器没有中文字体（与 test_cjk_font 相同）：子集到达之前汉字是同宽的空白占位字，到达后不折行不移动。"""
    context = browser.new_context(viewport={"width": 412, "height": 823})
    held = []

    def hold(route):  # 子集先不给，等页面排版、绘制完再放行
        held.append(route)

    try:
        context.route("**/noto-sans-sc-subset.woff2", hold)
        page = context.new_page()
        page.add_init_script(_SHIFTS_INIT)
        page.goto(site_url + path, wait_until="domcontentloaded")  # load 要等字体，子集还扣着
        page.evaluate(_TWO_FRAMES)  # 首次绘制确实发生在子集到达之前
        wait_for_held(page, held, "中文字体子集（这台机器应当没有中文字体）")
        before = page.evaluate("""() => [...document.fonts].map(f => [f.family, f.status])""")
        assert ["dlnotes CJK placeholder", "loaded"] in before, before
        assert ["dlnotes Noto Sans SC", "loading"] in before, before
        for route in held:
            route.continue_()
        page.wait_for_function("""() => [...document.fonts].some(
            f => f.family === "dlnotes Noto Sans SC" && f.status === "loaded")""")
        page.evaluate(_TWO_FRAMES)
        shifts = page.evaluate("window.__shifts")
    finally:
        context.close()
    assert sum(shifts) < 0.01, f"{path} 的布局偏移 {sum(shifts):.3f}：{shifts}"


_OFFSCREEN_JS = r"""() => {
  const blocks = [...document.querySelectorAll(".md-typeset > :is(.math-display, p, ul)")];
  const below = blocks.filter(el => el.getBoundingClientRect().top > 3 * window.innerHeight);
  const auto = below.filter(el => getComputedStyle(el).contentVisibility === "auto");
  // 块自己照常有个（估计大小的）盒子；它里面的内容才是"跳过"的
  const probed = auto.filter(el => el.firstElementChild);
  return {
    blocks: blocks.length,
    below: below.length,
    auto: auto.length,
    probed: probed.length,
    skipped: probed.filter(el => !el.firstElementChild.checkVisibility({contentVisibilityAuto: true})).length,
    autoWithTerm: auto.filter(el => el.querySelector(".gl-term")).length,
    lists: auto.filter(el => el.tagName === "UL").length,
    code: [...document.querySelectorAll(".md-typeset > .highlight pre > code")].filter(el =>
      el.getBoundingClientRect().top > 3 * window.innerHeight && getComputedStyle(el).contentVisibility === "auto").length,
  };
}"""


_TIP_JS = r"""(sel) => {
  const term = document.querySelector(sel);
  const tip = term.querySelector(".gl-tip");
  const r = tip.getBoundingClientRect();
  const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
  let cv = [];
  for (let el = term; el; el = el.parentElement) cv.push(getComputedStyle(el).contentVisibility);
  return {w: r.width, h: r.height, onTop: !!hit && tip.contains(hit), ancestors: [...new Set(cv)]};
}"""


def test_offscreen_blocks_wait_for_layout_and_tooltips_in_them_are_not_clipped(site_url, guarded_page):
    """stylesheets/render.css：屏幕外的正文块（段落、公式、代码块里的代码……）content-visibility: auto（加载时不排版，
    公式多的页面主线程少做一两秒）；含术语的块也一样，但提示显示时那一块改回 visible，提示不被块裁掉、
    不被别的东西盖住。"""
    page = guarded_page
    page.set_viewport_size({"width": 375, "height": 740})
    page.goto(site_url + "/notes-1/basics/", wait_until="load")
    r = page.evaluate(_OFFSCREEN_JS)
    assert r["auto"] > 20 and r["autoWithTerm"] > 3 and r["lists"] == 0 and r["code"] > 3, r
    assert r["probed"] > 10 and r["skipped"] == r["probed"], r  # 远在下面的这些块都还没排版
    # 远处的一个术语：滚过去、聚焦，提示完整可见（在最上层），这时它的祖先里没有 content-visibility: auto
    terms = page.locator(".md-typeset > p .gl-term")
    term = terms.nth(terms.count() - 1)
    term.scroll_into_view_if_needed()
    sel = f'.gl-term[data-term="{term.get_attribute("data-term")}"]'
    block = f"getComputedStyle(document.querySelector({sel!r}).closest('.md-typeset > *')).contentVisibility"
    assert page.evaluate(block) == "auto", "这个术语所在的块平时应当是 content-visibility: auto"
    term.focus()
    got = page.evaluate(_TIP_JS, sel)
    assert got["w"] > 50 and got["h"] > 20 and got["onTop"] and got["ancestors"] == ["visible"], got
    # 锚点跳转照常：跳到最后一个二级标题，它在视口里
    last_h2 = page.evaluate("[...document.querySelectorAll('.md-typeset h2[id]')].pop().id")
    page.goto(site_url + f"/notes-1/basics/#{last_h2}", wait_until="load")
    page.wait_for_timeout(300)
    top = page.evaluate(f"document.getElementById({last_h2!r}).getBoundingClientRect().top")
    assert 0 <= top < 740, top


_RULES_JS = r"""() => {
  const out = [];
  const walk = (rules) => { for (const r of rules) { if (r.selectorText) out.push(r.selectorText); if (r.cssRules) walk(r.cssRules); } };
  for (const sheet of document.styleSheets) walk(sheet.cssRules);
  return out;
}"""

_WATCH_JS = r"""() => {
  window.__switching = [];
  const link = () => getComputedStyle(document.querySelector(".md-typeset a")).transitionDuration;
  new MutationObserver((records) => {
    for (const r of records) window.__switching.push([r.target.hasAttribute(r.attributeName), link()]);
  }).observe(document.documentElement, {attributes: true, attributeFilter: ["data-dl-color-switching"]});
  return link();
}"""


def test_palette_switch_rule_applies_only_while_the_reader_switches(site_url, guarded_page):
    page = guarded_page
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto(site_url + "/notes-2/shallow-network/", wait_until="load")
    selectors = page.evaluate(_RULES_JS)
    assert not [s for s in selectors if "data-md-color-switching" in s], "打开页面时 bundle 设的属性不应再有规则依赖"
    assert [s for s in selectors if "data-dl-color-switching" in s], "palette.css 里应有改挂过来的规则"
    normal = page.evaluate(_WATCH_JS)
    assert normal != "0s", f"链接平时有过渡动画（Material），才看得出切换时关掉了：{normal}"
    for target in ("slate", "default"):
        page.locator("form[data-md-component=palette] label:visible").first.click()
        page.wait_for_function(f"document.body.dataset.mdColorScheme === {target!r}")
        page.wait_for_function("!document.documentElement.hasAttribute('data-dl-color-switching')")
    # 每次切换：设上属性（那一刻链接没有过渡动画），随后去掉（动画恢复）
    assert page.evaluate("window.__switching") == [[True, "0s"], [False, normal]] * 2


def test_first_dark_visit_switches_scheme_without_transitions(browser, site_url):
    """没存过配色、系统是深色：Material 启动时从浅色换到深色；页眉脚本先设好属性，换的那一刻没有过渡动画，
    之后属性去掉（读者不会看到页面从浅色渐变到深色；axe 量颜色时也不会量到渐变中途的颜色）。"""
    context = browser.new_context(color_scheme="dark")
    try:
        page = context.new_page()
        page.add_init_script("""document.addEventListener("DOMContentLoaded", () => {
          window.__atReady = document.documentElement.hasAttribute("data-dl-color-switching"); });""")
        page.goto(site_url + "/about/", wait_until="load")
        page.wait_for_function("document.body.dataset.mdColorScheme === 'slate'")
        running = page.evaluate("document.getAnimations().filter(a => a instanceof CSSTransition).length")
        page.wait_for_function("!document.documentElement.hasAttribute('data-dl-color-switching')")
        at_ready = page.evaluate("window.__atReady")
    finally:
        context.close()
    assert at_ready, "页眉脚本应在 Material 换配色之前设上 data-dl-color-switching"
    assert running == 0, f"换到深色时有 {running} 个过渡动画在跑"
