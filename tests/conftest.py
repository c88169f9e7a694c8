"""整站测试共用的夹具：构建一次站点、在 127.0.0.1 上提供它、启动一个 Chromium。

* ``built_site``：整个测试会话只运行一次 ``mkdocs build --strict``（输出到临时目录，
  从不写进仓库的 ``site/``），要求退出码为 0、输出里没有 WARNING，返回站点目录。
* ``site_url``：用标准库 ``http.server`` 在后台线程里提供这个站点（随机空闲端口）。
* ``browser``：Playwright 驱动系统的 Debian ``chromium``（不用 ``playwright install``
  下载的浏览器）。找不到浏览器时测试**失败**并说明怎么安装；只有设置了
  ``DLNOTES_ALLOW_SKIP_E2E=1`` 才改为跳过（CI 从不设置它）。

夹具都是惰性的：只跑单元测试（``pytest tests/test_losses.py``）时不会构建站点，
也不会导入 Playwright。工具函数在 ``tests/sitetools.py``。
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from sitetools import (
    CHROMIUM_ARGS,
    REPO_ROOT,
    build_problems,
    chromium_path,
    describe_build_failure,
    run_mkdocs,
    serve,
)


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    """整个会话共用的一次严格构建（仓库自己的 ``.cache`` 照常使用）；返回站点目录，只读。"""
    site = tmp_path_factory.mktemp("built") / "site"
    proc = run_mkdocs(REPO_ROOT, site)
    problems = build_problems(proc)
    if problems:
        pytest.fail(describe_build_failure(proc, problems), pytrace=False)
    return site


@pytest.fixture(scope="session")
def site_url(built_site) -> Iterator[str]:
    """``built_site`` 的地址，例如 ``http://127.0.0.1:43127``（末尾没有斜杠）。"""
    base, server = serve(built_site)
    yield base
    server.shutdown()
    server.server_close()


def _no_browser(reason: str) -> None:
    msg = (f"浏览器测试无法运行：{reason}\n"
           "请安装 Debian 的 chromium：sudo apt-get install -y chromium\n"
           "（Playwright 本身随 pip install -e '.[test]' 安装；不要运行 playwright install。）\n"
           "没有浏览器的本地环境可以设 DLNOTES_ALLOW_SKIP_E2E=1 跳过浏览器测试；CI 从不这样做。")
    if os.environ.get("DLNOTES_ALLOW_SKIP_E2E", "") not in ("", "0"):
        pytest.skip(msg)
    pytest.fail(msg, pytrace=False)


@pytest.fixture(scope="session")
def browser():
    """会话共用的无头 Chromium（Playwright 驱动系统浏览器）。"""
    exe = chromium_path()
    if exe is None:
        _no_browser("找不到 chromium（/usr/bin/chromium）")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _no_browser("没有安装 Python 包 playwright")
    pw = sync_playwright().start()
    try:
        b = pw.chromium.launch(executable_path=exe, headless=True, args=CHROMIUM_ARGS)
    except Exception as exc:  # noqa: BLE001 - 任何启动失败都要给出安装提示
        pw.stop()
        _no_browser(f"启动 {exe} 失败：{exc}")
    yield b
    b.close()
    pw.stop()

# conftest 本身不作为 doctest 模块收集（否则与 docs/conftest.py 同名冲突）
collect_ignore = ["conftest.py"]
