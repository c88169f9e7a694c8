"""MkDocs 钩子：构建脚本 → 站点文件（图 → SVG；以后交互图的数据 → JSON），经过同一个缓存。

一种「脚本种类」（`ScriptKind`）= ``docs/`` 下的一个目录 + 输出后缀 + 一个运行函数
（``sitebuild.scripts`` 里 ``(路径) -> (字节, 秒)`` 的模块级函数）：

* ``docs/figures/NAME.py`` 的 ``build()`` 返回 Figure → ``figures/NAME.svg``（`sitebuild.scripts.run_figure`）；
* ``docs/widgets/NAME.py`` 的 ``build()`` 返回 dict → ``widgets/NAME.json``（`sitebuild.scripts.run_data`，
  留给交互图用；目录不存在时什么也不做）。

每个脚本：缓存键（`sitebuild.cache.script_key`）命中 → 直接用缓存条目；没命中 → 在子进程池里
执行，与页面渲染（包括 notebook 执行）同时进行，在复制静态文件之前（``on_env``）汇合并原子地
写进缓存。任何一个脚本抛错或结果里有 NaN/inf，构建失败并点名该脚本（所有失败一起报告）。
结果用 ``File.generated`` 加入站点，从不写进 ``docs/``。

状态：``on_config`` 为这次构建新建一个 `ScriptOutputs` 对象并注册进 ``config.plugins``
（MkDocs 为它的 ``on_*`` 方法登记事件），模块里没有全局变量。它的 ``timings`` 由
``build_times.py`` 钩子在构建结束时汇总。

环境变量 ``DLNOTES_SKIP_EXECUTION=1`` 关掉脚本执行（只用于基准对照）。
"""

from __future__ import annotations

import concurrent.futures as cf
import logging
import multiprocessing
import os
import site
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import jinja2
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files
from sitebuild import cache, scripts

log = logging.getLogger("mkdocs.hooks.figures")


@dataclass(frozen=True)
class ScriptKind:
    """一种构建脚本：``docs/<folder>/NAME.py`` → 站点里的 ``<folder>/NAME<suffix>``。"""

    label: str  # 日志里的名字
    folder: str  # docs/ 下的目录，也是站点里的目录和缓存目录
    suffix: str  # 输出文件的后缀
    run: Callable[[str], tuple[bytes, float]]  # 模块级函数：进程池按名字 pickle 它


KINDS: tuple[ScriptKind, ...] = (
    ScriptKind("图", "figures", ".svg", scripts.run_figure),
    ScriptKind("数据", "widgets", ".json", scripts.run_data),
)


@dataclass(frozen=True)
class Job:
    kind: ScriptKind
    script: Path
    entry: Path  # 缓存条目（也是站点文件的来源）


class ScriptOutputs(BasePlugin):
    """一次构建里的构建脚本：查缓存、把没命中的交给进程池、汇合、写缓存、记录用时。"""

    def __init__(self, root: Path, kinds: tuple[ScriptKind, ...], *, execute: bool) -> None:
        self.root = root
        self.package_dir = root / "dlnotes"
        self.cache_root = root / ".cache"
        self.kinds = kinds
        self.execute = execute
        #: 文件（相对项目根）→ ("缓存" 或 "计算", 秒)，由 build_times 钩子汇总
        self.timings: dict[str, tuple[str, float]] = {}
        self._pool: cf.ProcessPoolExecutor | None = None
        self._futures: dict[cf.Future[tuple[bytes, float]], Job] = {}

    def _rel(self, path: Path) -> str:
        return path.relative_to(self.root).as_posix()

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        if not self.execute:
            return files
        docs = Path(config.docs_dir)
        pending: list[Job] = []
        for kind in self.kinds:
            folder = self.cache_root / kind.folder
            live: set[str] = set()
            for script in sorted((docs / kind.folder).glob("*.py")):
                key = cache.script_key(script, self.package_dir, kind.suffix)
                entry = folder / f"{script.stem}-{key[:24]}{kind.suffix}"
                live.add(entry.name)
                if cache.read_entry(entry) is None:
                    pending.append(Job(kind, script, entry))
                else:
                    self.timings[self._rel(script)] = ("缓存", 0.0)
                uri = f"{kind.folder}/{script.stem}{kind.suffix}"
                files.append(File.generated(config, uri, abs_src_path=str(entry)))
            cache.prune(folder, live)
        if pending:
            self._start(pending)
        return files

    def _start(self, pending: list[Job]) -> None:
        workers = max(1, min(len(pending), os.cpu_count() or 1))
        # spawn：子进程从头导入（不继承 MkDocs 的状态）；initializer 让它能导入 sitebuild
        self._pool = cf.ProcessPoolExecutor(
            max_workers=workers, mp_context=multiprocessing.get_context("spawn"),
            initializer=site.addsitedir, initargs=(str(Path(__file__).resolve().parent),),
        )
        self._futures = {self._pool.submit(job.kind.run, str(job.script)): job for job in pending}
        log.info("执行 %d 个构建脚本（%d 个进程，与页面渲染并行）", len(pending), workers)

    def on_env(self, env: jinja2.Environment, *, config: MkDocsConfig, files: Files) -> jinja2.Environment:
        errors = []
        for fut in cf.as_completed(self._futures):
            job = self._futures[fut]
            rel = self._rel(job.script)
            try:
                data, seconds = fut.result()
            except Exception as exc:  # noqa: BLE001 - 任何错误都要点名脚本
                errors.append(f"{job.kind.label}脚本 {rel} 失败：{type(exc).__name__}: {exc}")
                continue
            cache.write_entry(job.entry, data, seconds)
            self.timings[rel] = ("计算", seconds)
        self._futures = {}
        self.on_shutdown()
        if errors:
            raise PluginError("\n".join(errors))
        return env

    def on_build_error(self, *, error: Exception) -> None:
        self.on_shutdown()  # 构建中途失败（例如某页出错）：不让子进程在 mkdocs serve 里一直跑下去

    def on_shutdown(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(cancel_futures=True)
            self._pool = None


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    root = Path(config.config_file_path).resolve().parent
    execute = os.environ.get("DLNOTES_SKIP_EXECUTION", "") in ("", "0")
    config.plugins["dlnotes/figures"] = ScriptOutputs(root, KINDS, execute=execute)
    return config
