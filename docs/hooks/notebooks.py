"""MkDocs 钩子：mkdocs-jupyter 的 notebook 缓存随 ``dlnotes`` 源码失效，并记录每个 notebook 的用时。

* mkdocs-jupyter 的缓存键只看 notebook 文本和它自己的选项：``dlnotes`` 改了，notebook 也不会
  重新执行。这里把它的 ``cache_dir`` 选项（公开的配置项）换成随 ``dlnotes`` 全部源码哈希变化的
  ``.cache/mkdocs-jupyter/<包哈希>``，旧哈希的目录删掉；损坏的缓存条目（不是带 ``content`` 与
  ``toc_tokens`` 的 JSON 对象）在构建前删掉，让它重新执行，而不是让构建崩在它的读缓存代码里。
* 用时：MkDocs 对每页依次运行 ``on_page_markdown`` → ``page.render()``（mkdocs-jupyter 在这里
  执行并转换 notebook）→ ``on_page_content``。本钩子在前者的最后（优先级 -100）记下时刻，在后者
  的最前（优先级 100）算出差值，不去包装 mkdocs-jupyter 换掉的 ``render``。notebook 出错时
  MkDocs 自己报告「Error reading page '…'」并点名页面。
* ``DLNOTES_SKIP_EXECUTION=1``：不执行 notebook、不用缓存（只用于基准对照）。

状态在 ``on_config`` 新建并注册进 ``config.plugins`` 的 `NotebookRuns` 对象上。
"""

from __future__ import annotations

import json
import logging
import os
import shutil
import time
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page
from sitebuild.cache import package_key
from sitebuild.jupyter import is_notebook_page

log = logging.getLogger("mkdocs.hooks.notebooks")


def validate_cache(cache_dir: Path) -> list[Path]:
    """删掉 ``cache_dir`` 里读不了或结构不对的条目；返回删掉的那些。"""
    dropped = []
    for p in sorted(cache_dir.glob("*.json")) if cache_dir.is_dir() else ():
        try:
            data = json.loads(p.read_text(encoding="utf-8"))
            ok = isinstance(data, dict) and isinstance(data.get("content"), str) and "toc_tokens" in data
        except (OSError, ValueError):
            ok = False
        if not ok:
            log.info("notebook 缓存条目损坏，丢弃并重新执行：%s", p.name)
            p.unlink(missing_ok=True)
            dropped.append(p)
    return dropped


class NotebookRuns(BasePlugin):
    """一次构建里每个 notebook 页面的渲染用时。"""

    def __init__(self, root: Path, jupyter: BasePlugin) -> None:
        self.root = root
        self.jupyter = jupyter
        #: 文件（相对项目根）→ ("notebook", 秒)，由 build_times 钩子汇总
        self.timings: dict[str, tuple[str, float]] = {}
        self._started: dict[str, float] = {}

    def _is_notebook(self, page: Page) -> bool:
        return is_notebook_page(page.file.abs_src_path, self.jupyter.config)

    @event_priority(-100)
    def on_page_markdown(self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        if self._is_notebook(page):
            self._started[page.file.src_uri] = time.perf_counter()
        return markdown

    @event_priority(100)
    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        start = self._started.pop(page.file.src_uri, None)
        if start is not None:
            rel = (Path(config.docs_dir) / page.file.src_uri).resolve().relative_to(self.root).as_posix()
            self.timings[rel] = ("notebook", time.perf_counter() - start)
        return html


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    jupyter = config.plugins.get("mkdocs-jupyter")
    if jupyter is None:
        return config
    root = Path(config.config_file_path).resolve().parent
    caches = root / ".cache" / "mkdocs-jupyter"
    pkey = package_key(root / "dlnotes")[:16]
    jupyter.config["cache_dir"] = str(caches / pkey)
    # 旧版本 dlnotes 的 notebook 缓存不会再被用到：删掉，免得 .cache 越积越多
    for old in caches.glob("*"):
        if old.is_dir() and old.name != pkey:
            shutil.rmtree(old, ignore_errors=True)
    validate_cache(caches / pkey)
    if os.environ.get("DLNOTES_SKIP_EXECUTION", "") not in ("", "0"):
        jupyter.config["execute"] = False
        jupyter.config["cache"] = False
    config.plugins["dlnotes/notebooks"] = NotebookRuns(root, jupyter)
    return config
