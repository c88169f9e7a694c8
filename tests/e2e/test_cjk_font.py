"""没有中文字体的机器上（这台测试机就没有）中文显示成真正的字形，而不是方框。

构建时生成的 Noto Sans SC 子集（docs/hooks/cjkfont.py）必须被请求、加载成功，并且真的用来画汉字：
用 canvas 比较「汉字用站点字体栈画出来」与「同一个汉字用不存在的字体画出来（方框/豆腐块）」。
"""

from __future__ import annotations

import base64

import pytest
from sitetools import wait_for_held

pytestmark = pytest.mark.e2e

FAMILY = "dlnotes Noto Sans SC"

_JS = r"""
async (family) => {
  await document.fonts.ready;
  const face = [...document.fonts].find(f => f.family.replace(/"/g, "") === family);
  const stack = getComputedStyle(document.querySelector(".md-typeset p")).fontFamily;
  const draw = (font) => {
    const c = document.createElement("canvas"); c.width = 64; c.height = 64;
    const g = c.getContext("2d"); g.font = font; g.fillText("梯", 4, 48);
    return [...g.getImageData(0, 0, 64, 64).data].join(",");
  };
  await document.fonts.load(`40px "${family}"`, "梯");
  return {
    status: face ? face.status : "missing",
    stack,
    sameAsTofu: draw(`40px ${stack}`) === draw("40px no-such-font-xyz"),
    differsFromTofu: draw(`40px "${family}"`) !== draw("40px no-such-font-xyz"),
  };
}
"""


def test_chinese_renders_with_the_subset_font(browser, site_url):
    context = browser.new_context()
    try:
        page = context.new_page()
        fonts = []
        page.on("requestfinished", lambda r: fonts.append(r.url) if r.url.endswith(".woff2") else None)
        page.goto(site_url + "/notes-1/basics/", wait_until="load")
        r = page.evaluate(_JS, FAMILY)
    finally:
        context.close()
    assert any(u.endswith("/assets/fonts/noto-sans-sc-subset.woff2") for u in fonts), fonts
    assert r["status"] == "loaded", r
    assert FAMILY in r["stack"], r
    assert r["differsFromTofu"], "子集字体画出的汉字与方框相同：子集里没有这个字"
    assert not r["sameAsTofu"], "按页面的字体栈画出的汉字仍是方框"


_TWO_FRAMES = "() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))"


def _sidebar_after_subset(browser, site_url, *, late: bool) -> bytes:
    """1280 px 宽时左侧导航的截图（CDP 截图，不等字体）；``late`` 时子集等页面画过一次之后才给。"""
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    held = []
    try:
        if late:
            context.route("**/noto-sans-sc-subset.woff2", lambda route: held.append(route))
        page = context.new_page()
        page.goto(site_url + "/notes-1/basics/", wait_until="domcontentloaded")
        page.evaluate(_TWO_FRAMES)
        if late:
            wait_for_held(page, held, "中文字体子集（这台机器应当没有中文字体）")
        for route in held:
            route.continue_()
        page.wait_for_function(f"""() => [...document.fonts].some(
            f => f.family === {FAMILY!r} && f.status === "loaded")""")
        page.evaluate(_TWO_FRAMES)
        clip = page.evaluate("""() => { const r = document.querySelector(".md-sidebar--primary")
            .getBoundingClientRect(); return {x: r.x, y: r.y, width: r.width, height: Math.min(r.height, 500), scale: 1}; }""")
        shot = context.new_cdp_session(page).send("Page.captureScreenshot", {"clip": clip})
    finally:
        context.close()
    return base64.b64decode(shot["data"])


def test_sidebar_redraws_real_glyphs_when_the_subset_arrives_after_first_paint(browser, site_url):
    """早先 Chromium 不重排已经排好的粘性侧边栏（站名、「首页」一直是方框），要靠脚本强制重排；有了同宽的
    空白占位字体（hooks/cjkplaceholder.py）之后，子集晚到时侧边栏照样换成真字形，那个脚本（和它每次
    强制的两遍整页排版）去掉了。这里守住这一点：子集晚到与一开始就到，侧边栏画出来逐像素相同。"""
    assert _sidebar_after_subset(browser, site_url, late=True) == _sidebar_after_subset(browser, site_url, late=False)
