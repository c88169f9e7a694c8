"""逐页在 Chromium 里检查整个站点（页面列表来自站点目录，新章节自动加入）。

每页的检查见 ``pagecheck.check_page``：控制台无错误、不请求站外、图片都加载、公式都排好、
脚注能来回跳、深色模式可切换且文字对比度足够、图片在深色模式下有浅色底。
"""

from __future__ import annotations

import time

import pytest
from pagecheck import check_page
from sitetools import html_pages, page_path

pytestmark = pytest.mark.e2e


def test_every_page_passes_the_browser_checks(browser, built_site, site_url):
    pages = html_pages(built_site)
    assert len(pages) >= 5, f"站点里应至少有 5 个页面，实际 {len(pages)}"
    report, timing = {}, []
    for page in pages:
        path = page_path(built_site, page)
        start = time.perf_counter()
        problems = check_page(browser, site_url + path)
        timing.append(f"{path} {time.perf_counter() - start:.1f}s")
        if problems:
            report[path] = problems
    print("每页用时：" + "，".join(timing))
    assert not report, "浏览器检查发现问题：\n" + "\n".join(
        f"{path}\n  " + "\n  ".join(problems) for path, problems in report.items())
