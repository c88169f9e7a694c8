"""Lighthouse 性能的前提在浏览器里成立（issue 16；分数本身是基准，在 benchmarks/lighthouse.py）。

* 每个页面里的每个 ``<img>`` 都有 ``width``/``height``，而且与图真正的宽高比一致：图到达之前
  浏览器留出的位置就是图的大小，页面不会跳；
* 本站自己的脚本都是 ``defer``、样式表只有合并后的一个（外加 cjkfont 的 ``cjk.css``）；
  脚本推迟执行后，练习题、交互图、术语提示、可滚动盒子照样初始化。
"""

from __future__ import annotations

import pytest
from sitetools import html_pages, page_path

pytestmark = pytest.mark.e2e

OWN_SCRIPTS = ("gloss.js", "quiz.js", "widgets.js", "a11y.js", "cjk-font.js")

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
        links = [line for line in text.splitlines() if 'rel="stylesheet"' in line]
        own = [line for line in links if "assets/stylesheets/main." not in line
               and "assets/stylesheets/palette." not in line]
        assert len(own) == 2 and "assets/stylesheets/dlnotes.css" in own[0] and "cjk.css" in own[1], (html, own)


def test_deferred_scripts_still_initialise_quizzes_widgets_tooltips_and_scroll_boxes(site_url, guarded_page):
    page = guarded_page
    page.goto(site_url + "/notes-1/basics/", wait_until="load")
    quizzes = page.locator("div.quiz").count()
    assert quizzes >= 6
    page.wait_for_function(f"document.querySelectorAll('div.quiz.quiz--ready').length === {quizzes}")
    # widgets.js：交互图等着滚动到附近；滚过去就加载并画出来
    widget = page.locator(".dl-widget[data-widget]").first
    assert widget.get_attribute("data-state") in ("waiting", "loading", "ready")
    widget.scroll_into_view_if_needed()
    page.wait_for_function("document.querySelector('.dl-widget[data-widget]').dataset.state === 'ready'")
    # gloss.js：聚焦术语时提示改成贴着术语的 position: fixed
    term = page.locator(".gl-term").first
    term.focus()
    assert page.evaluate("getComputedStyle(document.querySelector('.gl-term .gl-tip')).position") == "fixed"
    # 合并后的样式表真的生效（extra.css 给图的白底）
    assert page.evaluate("getComputedStyle(document.querySelector('.md-typeset figure img')).backgroundColor") \
        == "rgb(255, 255, 255)"
