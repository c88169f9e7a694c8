"""无障碍（axe-core，WCAG 2.1 AA）与手机宽度，逐页检查整个站点（页面列表来自站点目录）。

* 每页在浅色、深色两种配色下跑 axe-core 的 wcag2a/wcag2aa/wcag21a/wcag21aa 规则：0 违规；
* 每页在 375 px 宽的手机视口里：整页不比视口宽（长公式、表格、代码在自己的盒子里滚动），
  而且会滚动的盒子都能用键盘到达（axe 的 scrollable-region-focusable 在手机宽度下再查一遍：
  桌面宽度下不滚动的代码块，在手机上才滚动）；
* 搜索对话框有名字、Tab 键走到的元素都有看得见的焦点框。

axe-core 来自 ``tests/e2e/node_modules``（``tests/run`` 按 lock 文件 ``npm ci`` 安装）；
没有安装时测试失败并说明怎么装，绝不跳过。
"""

from __future__ import annotations

import pytest
from a11ycheck import (
    PHONE,
    axe_source,
    axe_violations,
    focus_report,
    phone_check,
    wide_elements,
)
from sitetools import html_pages, page_path

pytestmark = pytest.mark.e2e


@pytest.fixture(scope="module")
def axe():
    return axe_source()


def _describe(violations: list[dict]) -> str:
    return "\n".join(f"    {v['rule']}（{v['impact']}，{v['help']}）：{len(v['targets'])} 处：" +
                     "；".join(v["targets"][:6]) + ("……" if len(v["targets"]) > 6 else "")
                     for v in violations)


def test_axe_finds_no_wcag_violations_in_either_scheme(browser, built_site, site_url, axe):
    report = []
    pages = html_pages(built_site)
    assert len(pages) >= 5
    for page in pages:
        path = page_path(built_site, page)
        for scheme in ("light", "dark"):
            violations = axe_violations(browser, site_url + path, scheme, axe)
            if violations:
                report.append(f"  {path}（{scheme}）：\n" + _describe(violations))
    assert not report, "axe-core 报告了 WCAG 2.1 AA 违规（规则、页面、配色、元素）：\n" + "\n".join(report)


def test_no_page_is_wider_than_a_phone(browser, built_site, site_url, axe):
    too_wide, not_focusable = [], []
    for page in html_pages(built_site):
        path = page_path(built_site, page)
        width, violations = phone_check(browser, site_url + path, axe)
        if width > PHONE["width"]:
            culprits = wide_elements(browser, site_url + path)
            too_wide.append(f"  {path}：{width} px；伸出视口的元素：" + "；".join(culprits))
        if violations:
            not_focusable.append(f"  {path}：\n" + _describe(violations))
    assert not too_wide, f"{PHONE['width']} px 宽的手机上整页要横向滚动：\n" + "\n".join(too_wide)
    assert not not_focusable, "手机宽度下有会滚动、键盘却到不了的盒子：\n" + "\n".join(not_focusable)


def test_search_dialog_is_named_and_focus_is_visible(browser, built_site, site_url):
    page = next(p for p in html_pages(built_site) if page_path(built_site, p) == "/notes-1/basics/")
    r = focus_report(browser, site_url + page_path(built_site, page))
    assert r["dialogName"] == "搜索", f"搜索对话框的名字是 {r['dialogName']!r}"
    assert r["visited"] >= 20, f"Tab 键只走到 {r['visited']} 个元素"
    assert r["scrollBoxes"] > 0, "Tab 键一个会滚动的代码块/公式/表格也没走到"
    assert not r["invisible"], "这些元素获得键盘焦点时没有看得见的焦点框：" + "；".join(r["invisible"])


# ---------------------------------------------------------------- 检查器本身能发现问题
INJECTED = ('<p>一段足够长的正文，中间有一个<a href="#x" id="inj-link" style="text-decoration:none">链接</a>，'
            '它与正文只差颜色，没有下划线，色弱的读者分不出来。</p>'
            '<p id="inj-contrast" style="color:#aaa">注入的浅灰色文字</p>'
            '<div id="inj-scroll" style="overflow-x:auto;width:100px;white-space:nowrap">'
            '一行很长的文字，远远超出这个只有一百像素宽、会横向滚动却不能用键盘到达的盒子</div>'
            '<div id="inj-wide" style="width:600px">把页面撑宽的盒子</div>'
            '<button id="inj-nofocus" style="outline:none !important;box-shadow:none">没有焦点框的按钮</button>')


@pytest.fixture(scope="module")
def broken_url(built_site, tmp_path_factory):
    import shutil

    from sitetools import serve

    site = shutil.copytree(built_site, tmp_path_factory.mktemp("a11y-broken") / "site")
    index = site / "index.html"
    html = index.read_text(encoding="utf-8")
    assert html.count("</article>") == 1, "首页结构变了：找不到唯一的 </article>"
    index.write_text(html.replace("</article>", INJECTED + "</article>"), encoding="utf-8")
    base, server = serve(site)
    yield base + "/"
    server.shutdown()
    server.server_close()


def test_the_checks_report_injected_problems(browser, broken_url, axe):
    found = {v["rule"]: " ".join(v["targets"]) for v in axe_violations(browser, broken_url, "light", axe)}
    assert "#inj-contrast" in found.get("color-contrast", ""), found
    assert "#inj-link" in found.get("link-in-text-block", ""), found
    assert "#inj-scroll" in found.get("scrollable-region-focusable", ""), found
    width, phone = phone_check(browser, broken_url, axe)
    assert width > PHONE["width"]
    assert any("inj-wide" in e for e in wide_elements(browser, broken_url)), wide_elements(browser, broken_url)
    assert any("#inj-scroll" in " ".join(v["targets"]) for v in phone)
    assert "button#inj-nofocus" in focus_report(browser, broken_url)["invisible"]
