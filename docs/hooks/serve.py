"""MkDocs 钩子：``mkdocs serve --dirty`` 改一页只重建这一页，站点仍然完整（搜索、API 参考都在）。

只管一件事：写作时的重建速度。``mkdocs serve`` 每次改动都重建全站（API 参考页的 mkdocstrings、
每页的搜索分词……约 2.5 s）。MkDocs 自己的 ``--dirty`` 只重建源文件比输出新的页面，快得多，
但对这个站点不对：

1. 它只看页面自己的修改时间：改了 ``dlnotes/`` 的源码（页面用 ``--8<--`` 引用）、术语表、
   图脚本、钩子、``mkdocs.yml``，页面都不重建，发布的是旧内容；
2. 搜索索引会错：MkDocs 1.4 起 serve 重建时沿用插件对象，Material 的搜索插件（9.8.2）在 ``--dirty``
   下把上一次的索引并进这次的，但它假定每次只重建**一个**页面（只去掉第一个页面的旧条目）；这个站点
   每次都重建生成的术语表、视频表两页，索引里的条目于是越积越多，改过的内容新旧两份都在；
3. mkdocs-jupyter 在构建结束时把这次没渲染的 notebook 的缓存当作过期删掉，下一次完整构建要重新执行；
4. 它每次都发一条「dirty build 可能导致导航不准」的 WARNING，``strict: true`` 下构建因此失败。

本钩子只在 serve 的站点目录里生效（``mkdocs build`` 不受影响），并且让 ``--dirty`` 变得可靠：

* ``on_files``：扫描 serve 监视的全部输入（``mkdocs.yml``、``docs/``、``watch`` 里的目录与文件）
  的修改时间与大小，与上一次构建结束时记下的（站点目录里的 ``.dlnotes-serve.json``）比较。
  变的**只有** Markdown 页面 → 「只重建这些页面」，并关掉 mkdocs-jupyter 的缓存淘汰（它的公开选项
  ``cache``；这次不渲染 notebook）。别的任何变化（含第一次构建、新增或
  删除文件、什么也没变）→ 删掉站点里所有页面的 HTML，MkDocs 因此把每一页都当作改过的，等于完整
  重建（图、notebook 仍用各自的缓存）。不带 ``--dirty`` 的 serve 每次都清空站点目录，记录也随之
  消失，所以总是完整重建，与原来一样。
* ``on_page_context``（优先级 10，在 search 插件之前，看到的正文与它看到的相同）：重建时用
  Material 自己的 ``SearchIndex`` 类为这次渲染的每一页另建一份条目。
* ``on_post_build``（优先级 -50：search 插件写出索引之后，``cjkfont`` 读索引之前）：用上一次的
  完整索引（``on_files`` 时从站点目录读出）换上重建过的页面的新条目，覆盖 search 插件写的那份；
  全部重建时就是这次的条目。结果与一次完整构建写出的索引相同。然后记下这次的输入状态（构建失败时
  不记，下次按更早的记录比较）。第一次构建、不带 ``--dirty`` 的 serve 不需要这样做，索引原样。
* ``on_env``：主题模板的编译结果缓存在 ``.cache/jinja/``（jinja2 的 ``FileSystemBytecodeCache``，按模板源码的
  校验和失效）：MkDocs 每次重建都新建 jinja2 环境，不缓存就每次重新编译 Material 的全部模板。
* 那条 dirty WARNING 只在 serve 的站点目录里、按原文逐字匹配时滤掉（MkDocs 改了措辞就不再匹配，
  ``strict`` 构建照样失败，说明这里要重新检查）；本钩子改为在日志里说明这次是哪种重建。

其它钩子里跨页面汇总的东西在只重建一页时也要完整：``glossary`` 检查锚点时，没重建的页面从站点里
已有的 HTML 读 id；``cjkfont`` 从站点里所有 HTML 收集用字。状态在 ``on_config`` 新建并注册进
``config.plugins`` 的 `ServeRebuild` 对象上，模块里没有全局变量。
"""

from __future__ import annotations

import json
import logging
from pathlib import Path

import jinja2
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page
from sitebuild.serve import changed_inputs, classify, is_serve_site, merge_search_index, scan_inputs

log = logging.getLogger("mkdocs.hooks.serve")

#: 站点目录里记录上一次构建的输入状态（只在 serve 的临时目录里）
STATE_FILE = ".dlnotes-serve.json"
SEARCH_INDEX = "search/search_index.json"

#: MkDocs 1.6 ``commands/build.py`` 在 ``--dirty`` 构建时发的 WARNING（逐字）
DIRTY_WARNING = (
    "A 'dirty' build is being performed, this will likely lead to inaccurate navigation and other"
    " links within your site. This option is designed for site development purposes only."
)
BUILD_LOGGER = "mkdocs.commands.build"


class DirtyWarningFilter(logging.Filter):
    """滤掉 serve 里那条 dirty WARNING（本钩子保证了它警告的问题不会发生）。"""

    dlnotes_serve = True  # 重新加载钩子时据此找到并换掉旧的过滤器

    def filter(self, record: logging.LogRecord) -> bool:
        return not (record.levelno == logging.WARNING and record.getMessage() == DIRTY_WARNING)


def install_filter() -> DirtyWarningFilter:
    """在 MkDocs 构建命令的 logger 上装一个（且只一个）`DirtyWarningFilter`。"""
    logger = logging.getLogger(BUILD_LOGGER)
    for old in [f for f in logger.filters if getattr(f, "dlnotes_serve", False)]:
        logger.removeFilter(old)
    flt = DirtyWarningFilter()
    logger.addFilter(flt)
    return flt


class ServeRebuild(BasePlugin):
    """serve 里一次构建：判断只重建改过的页面还是全部重建。"""

    def __init__(self, root: Path, config: MkDocsConfig) -> None:
        self.root = root
        self.site = Path(config.site_dir)
        self.watched = [Path(config.config_file_path).resolve(), Path(config.docs_dir).resolve(),
                        *(Path(w).resolve() for w in config.watch)]
        self.jinja_cache = root / ".cache" / "jinja"
        self.jupyter = config.plugins.get("mkdocs-jupyter")
        self.search = config.plugins.get("material/search")
        self.mode = "full"
        self.inputs: dict[str, list[int]] = {}
        self.index = None  # Material 的 SearchIndex：这次重建的页面的条目（只在 --dirty 的重建里）
        self.previous_index: dict | None = None
        self.rebuilt: set[str] = set()

    def _read_state(self) -> dict[str, list[int]] | None:
        try:
            state = json.loads((self.site / STATE_FILE).read_text(encoding="utf-8"))
        except FileNotFoundError:
            return None
        except (OSError, ValueError):
            log.info("serve：上一次构建的记录读不了，全部重建")
            return None
        return state if isinstance(state, dict) else None

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        self.inputs = scan_inputs(self.root, self.watched)
        previous = self._read_state()
        docs = Path(config.docs_dir).resolve()
        pages = {(docs / f.src_uri).relative_to(self.root).as_posix(): f
                 for f in files.documentation_pages() if f.src_uri.endswith(".md") and not f.generated_by}
        changed = changed_inputs(previous, self.inputs) if previous is not None else set()
        self.mode = classify(changed, set(pages)) if previous is not None else "full"
        if previous is not None and self.search is not None and self.search.config.get("enabled", True):
            self.index = _search_index(self.search)
            index = self.site / SEARCH_INDEX
            if self.mode == "pages":
                try:
                    self.previous_index = json.loads(index.read_text(encoding="utf-8"))
                except (OSError, ValueError):
                    self.mode = "full"  # 上一次的索引读不了：全部重建，索引整个重写
        if self.mode == "pages":
            if self.jupyter is not None:
                self.jupyter.config["cache"] = False  # 这次不渲染 notebook：别把它们的缓存当过期删掉
            log.info("serve：只重建改过的页面：%s", "、".join(sorted(changed)))
        elif previous is not None:
            shown = "、".join(sorted(changed)[:5]) + ("……" if len(changed) > 5 else "")
            log.info("serve：%s变了，全部重建", shown or "没有输入")
            for f in files.documentation_pages():
                Path(f.abs_dest_path).unlink(missing_ok=True)  # MkDocs 的 --dirty 因此重建每一页
        return files

    def on_env(self, env: jinja2.Environment, *, config: MkDocsConfig, files: Files) -> jinja2.Environment:
        # 每次重建 MkDocs 都新建主题的 jinja2 环境，模板全部重新编译；编译结果按模板源码的校验和
        # 缓存在 .cache/jinja/（jinja2 的公开接口，模板变了自动失效）
        env.bytecode_cache = jinja2.FileSystemBytecodeCache(str(self.jinja_cache))
        self.jinja_cache.mkdir(parents=True, exist_ok=True)
        return env

    @event_priority(10)  # 在 search 插件之前：它建完索引会去掉正文里的 data-search-* 属性
    def on_page_context(self, context, *, page: Page, config: MkDocsConfig, nav):
        if self.index is not None:
            self.index.add_entry_from_context(page)
            self.rebuilt.add(page.url)
        return context

    @event_priority(-50)  # search 插件（0）写出索引之后，cjkfont（-100）读索引之前
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        if self.index is not None:
            path = self.site / SEARCH_INDEX
            try:
                rebuilt = json.loads(self.index.generate_search_index(None))
                merged = merge_search_index(self.previous_index if self.mode == "pages" else None,
                                            rebuilt, self.rebuilt)
            except ValueError as exc:
                raise PluginError(f"serve 钩子：拼 {path} 失败：{exc}") from exc
            path.write_text(json.dumps(merged, separators=(",", ":"), default=str), encoding="utf-8")
        (self.site / STATE_FILE).write_text(json.dumps(self.inputs, sort_keys=True), encoding="utf-8")


def _search_index(search: BasePlugin):
    """一个新的、与 search 插件同样配置的 Material ``SearchIndex``（9.8.2 的类；找不到就大声失败）。"""
    try:
        from material.plugins.search.plugin import SearchIndex
    except ImportError as exc:
        raise PluginError("serve 钩子：找不到 material.plugins.search.plugin.SearchIndex（Material 升级了？"
                          "请检查 docs/hooks/serve.py）") from exc
    index = SearchIndex(**search.config)
    for method in ("add_entry_from_context", "generate_search_index"):
        if not callable(getattr(index, method, None)):
            raise PluginError(f"serve 钩子：Material 的 SearchIndex 没有 {method}()（Material 升级了？"
                              "请检查 docs/hooks/serve.py）")
    return index


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    if not is_serve_site(config.site_dir):
        return config  # mkdocs build：完整构建，本钩子什么也不做
    install_filter()
    root = Path(config.config_file_path).resolve().parent
    config.plugins["dlnotes/serve"] = ServeRebuild(root, config)
    return config
