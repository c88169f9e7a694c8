"""检查器本身的测试：往一个真实页面里注入已知的问题，``check_page`` 必须逐一报告。

注入之前先检查同一个页面，确认这些类别的问题本来没有——报告出来的只能来自注入。
"""

from __future__ import annotations

import shutil

import pytest
from pagecheck import check_page
from sitetools import serve

pytestmark = pytest.mark.e2e

# 透明底的 SVG（data: 地址不以 .svg 结尾，站点 CSS 不会给它加白底）
TRANSPARENT_SVG = ("data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg' width='40' height='20'%3E"
                   "%3Ctext x='0' y='15'%3Eab%3C/text%3E%3C/svg%3E")

INJECTED = {
    "math": '<p id="inj-math">注入的公式 $x^2$ 没有经过 arithmatex</p>',
    "img": '<p><img src="missing.svg" alt="不存在的图"></p>',
    "offsite": '<script src="https://example.com/x.js"></script>',
    "pageerror": "<script>throw new Error('注入的异常 4711')</script>",
    "console": "<script>console.error('注入的控制台错误 4712')</script>",
    "footnote": '<p>正文<sup id="fnref:inj"><a class="footnote-ref" href="#fn:nowhere">9</a></sup></p>',
    "contrast": '<p style="color:#c8c8c8">注入的浅灰色文字，对比度太低</p>',
    "figure": f'<p><img src="{TRANSPARENT_SVG}" alt="透明底的图"></p>',
}

# 每类问题应出现在报告里的标志文字
EXPECTED = {
    "math": "$x^2$",
    "img": "missing.svg",
    "offsite": "https://example.com/x.js",
    "pageerror": "注入的异常 4711",
    "console": "注入的控制台错误 4712",
    "footnote": "#fn:nowhere",
    "contrast": "注入的浅灰色文字",
    "figure": "data:image/svg+xml",
}


@pytest.fixture(scope="module")
def broken_site(built_site, tmp_path_factory):
    site = shutil.copytree(built_site, tmp_path_factory.mktemp("broken") / "site")
    index = site / "index.html"
    html = index.read_text(encoding="utf-8")
    assert html.count("</article>") == 1, "首页结构变了：找不到唯一的 </article>"
    (site / "clean.html").write_text(html, encoding="utf-8")  # 注入前的同一页，作对照
    index.write_text(html.replace("</article>", "\n".join(INJECTED.values()) + "</article>"),
                     encoding="utf-8")
    base, server = serve(site)
    yield base
    server.shutdown()
    server.server_close()


def _kinds(problems: list[str], kind: str, marker: str) -> list[str]:
    return [p for p in problems if p.startswith(f"[{kind}]") and marker in p]


def test_checker_finds_nothing_of_these_kinds_on_the_clean_page(browser, broken_site):
    problems = check_page(browser, f"{broken_site}/clean.html")
    leaked = [p for p in problems if any(marker in p for marker in EXPECTED.values())]
    assert not leaked, leaked


@pytest.fixture(scope="module")
def broken_report(browser, broken_site) -> list[str]:
    """检查器对注入了问题的首页的报告（各参数化用例共用这一次检查）。"""
    return check_page(browser, f"{broken_site}/")


@pytest.mark.parametrize("kind", list(INJECTED))
def test_checker_reports_each_injected_problem(broken_report, kind):
    assert _kinds(broken_report, kind, EXPECTED[kind]), (
        f"检查器没有报告注入的 [{kind}] 问题（应含 {EXPECTED[kind]!r}）；它报告的是：\n"
        + "\n".join(broken_report))
