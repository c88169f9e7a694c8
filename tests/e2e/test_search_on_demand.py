"""搜索索引等读者要搜索时才下载（``docs/javascripts/search-on-demand.js``），搜索照常工作。

* 打开一个章节页、在正文里点一下、按一个别的键：``search/search_index.json`` 一次也没有请求（search
  worker 照常创建了，说明 bundle 已经走过了原来请求索引的地方）；
* 读者打开搜索（桌面：快捷键 ``/`` ``s`` ``f`` 或点搜索框；375 px 的手机宽度：点放大镜按钮）→ 索引
  恰好请求一次，搜「梯度下降」有结果、结果里「梯度下降」被整个高亮；
* 带 ``?h=梯度`` 打开页面（从搜索结果点进来）→ 不用任何操作就请求索引，正文里的「梯度」被高亮；
  带 ``?q=`` 打开 → Material 打开搜索框并搜索，同样马上请求索引。
"""

from __future__ import annotations

from urllib.parse import quote, urlsplit

import pytest
from pagecheck import new_context

pytestmark = pytest.mark.e2e

PAGE = "/notes-1/basics/"
INDEX = "/search/search_index.json"
SEARCH_INPUT = 'input[data-md-component="search-query"]'
SEARCH_BUTTON = 'label.md-header__button[for="__search"]'  # 手机宽度下头部的放大镜
PHONE = {"width": 375, "height": 740}
WAIT_MS = 30_000  # 机器忙时 worker 建索引要更久；只是等待上限，不是计时断言
RESULTS_JS = "() => document.querySelectorAll('.md-search-result__list > li').length > 0"
RESULT_MARKS_JS = ("() => [...document.querySelectorAll('.md-search-result__list mark')]"
                   ".map(m => m.textContent.replace(/[\\s\\u200b]/g, ''))")


@pytest.fixture
def reader(browser):
    """新上下文里的一个页面；记下请求过的站内路径。结束时断言没有站外请求、控制台没有报错。"""
    blocked: list[str] = []
    errors: list[str] = []
    context = new_context(browser, blocked)
    page = context.new_page()
    page.paths = []  # 请求过的路径（按顺序）
    page.on("request", lambda r: page.paths.append(urlsplit(r.url).path))
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    yield page
    context.close()
    assert not blocked, f"请求了站外地址：{blocked}"
    assert not errors, f"控制台报错：{errors}"


def index_requests(page) -> int:
    return page.paths.count(INDEX)


def open_page(page, url: str) -> None:
    """打开页面，等到 bundle 创建了 search worker（原来它在同一时刻请求索引），再多等一会儿。"""
    with page.expect_request(lambda r: "/workers/search." in r.url, timeout=WAIT_MS):
        page.goto(url, wait_until="load")
    page.wait_for_timeout(500)


def search_for(page, term: str) -> list[str]:
    """在已经打开的搜索框里搜 ``term``；返回结果里被高亮的文字。"""
    page.fill(SEARCH_INPUT, term)
    page.press(SEARCH_INPUT, "End")  # fill 不产生 keyup；索引先到时 Material 等 keyup 才搜索
    page.wait_for_function(RESULTS_JS, timeout=WAIT_MS)
    return page.evaluate(RESULT_MARKS_JS)


def test_reading_a_page_never_downloads_the_index(reader, site_url):
    open_page(reader, site_url + PAGE)
    reader.click("article h1")
    reader.keyboard.press("j")
    reader.mouse.wheel(0, 600)
    reader.wait_for_timeout(500)
    assert any("/workers/search." in p for p in reader.paths), "search worker 应照常创建"
    assert index_requests(reader) == 0, f"没有打开搜索就请求了索引：{reader.paths}"


@pytest.mark.parametrize("opening", ["/", "s", "f", "click"])
def test_opening_search_downloads_the_index_once_and_finds_results(reader, site_url, opening):
    open_page(reader, site_url + PAGE)
    assert index_requests(reader) == 0
    with reader.expect_request(lambda r: urlsplit(r.url).path == INDEX, timeout=WAIT_MS):
        if opening == "click":
            reader.click(SEARCH_INPUT)
        else:
            reader.keyboard.press(opening)
    assert reader.evaluate("s => document.activeElement.matches(s)", SEARCH_INPUT), f"{opening} 应打开搜索框"
    marks = search_for(reader, "梯度下降")
    assert "梯度下降" in marks, f"结果里没有把「梯度下降」整个高亮：{marks[:20]}"
    assert index_requests(reader) == 1, reader.paths


def test_phone_search_button_downloads_the_index_and_finds_results(reader, site_url):
    reader.set_viewport_size(PHONE)
    open_page(reader, site_url + PAGE)
    assert not reader.is_checked("#__search"), "搜索对话框一开始应是关着的"
    assert index_requests(reader) == 0
    with reader.expect_request(lambda r: urlsplit(r.url).path == INDEX, timeout=WAIT_MS):
        reader.click(SEARCH_BUTTON)
    assert reader.is_checked("#__search"), "点放大镜应打开搜索对话框"
    marks = search_for(reader, "梯度下降")
    assert "梯度下降" in marks, marks[:20]
    box = reader.locator(".md-search-result__list > li").first.bounding_box()
    assert box and box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"] + 1 and box["y"] < PHONE["height"], \
        f"手机上的第一条搜索结果应在屏幕里：{box}"
    assert index_requests(reader) == 1, reader.paths


def test_highlight_link_downloads_the_index_at_once_and_highlights(reader, site_url):
    with reader.expect_request(lambda r: urlsplit(r.url).path == INDEX, timeout=WAIT_MS):
        reader.goto(f"{site_url}{PAGE}?h={quote('梯度')}", wait_until="load")
    reader.wait_for_function("() => document.querySelectorAll('article mark[data-md-highlight]').length > 0",
                             timeout=WAIT_MS)
    marks = reader.evaluate("() => [...document.querySelectorAll('article mark[data-md-highlight]')]"
                            ".map(m => m.textContent)")
    assert "梯度" in marks, marks[:20]
    assert index_requests(reader) == 1, reader.paths


def test_query_link_opens_search_with_results(reader, site_url):
    with reader.expect_request(lambda r: urlsplit(r.url).path == INDEX, timeout=WAIT_MS):
        reader.goto(f"{site_url}{PAGE}?q={quote('梯度下降')}", wait_until="load")
    reader.wait_for_function(RESULTS_JS, timeout=WAIT_MS)
    assert reader.input_value(SEARCH_INPUT) == "梯度下降"
    assert index_requests(reader) == 1, reader.paths
