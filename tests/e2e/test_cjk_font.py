"""没有中文字体的机器上（这台测试机就没有）中文显示成真正的字形，而不是方框。

构建时生成的 Noto Sans SC 子集（docs/hooks/cjkfont.py）必须被请求、加载成功，并且真的用来画汉字：
用 canvas 比较「汉字用站点字体栈画出来」与「同一个汉字用不存在的字体画出来（方框/豆腐块）」。
"""

from __future__ import annotations

import pytest

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
