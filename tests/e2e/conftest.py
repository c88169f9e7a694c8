"""浏览器测试（Playwright + 系统 Chromium）共用的夹具。

``browser``、``built_site``、``site_url`` 在 ``tests/conftest.py``；这里只放浏览器测试自己的东西。
逐页检查用的 ``check_page`` 在 ``pagecheck.py``。
"""

from __future__ import annotations

import pytest
from pagecheck import new_context


@pytest.fixture(scope="module")
def guarded_page(browser):
    """一个模块共用的页面：所有站外请求被拦截；结束时断言没有站外请求、控制台没有报错。"""
    blocked: list[str] = []
    errors: list[str] = []
    context = new_context(browser, blocked)
    page = context.new_page()
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    yield page
    context.close()
    assert not blocked, f"请求了站外地址：{blocked}"
    assert not errors, f"控制台报错：{errors}"
