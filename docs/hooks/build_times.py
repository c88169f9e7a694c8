"""MkDocs 钩子：构建结束时打印每个构建脚本、每个 notebook 的用时表（同 sphinx-gallery），
并写入 ``.cache/build-times.json`` 供 ``benchmarks/`` 读取。

用时来自这次构建里注册进 ``config.plugins`` 的、带 ``timings`` 属性的对象（``figures.py`` 的
`ScriptOutputs`、``notebooks.py`` 的 `NotebookRuns`）：``{文件: (方式, 秒)}``。本钩子无状态，
不知道谁会提供用时。
"""

from __future__ import annotations

import json
import logging
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig

log = logging.getLogger("mkdocs.hooks.build_times")

Timings = dict[str, tuple[str, float]]


def collect(config: MkDocsConfig) -> Timings:
    times: Timings = {}
    for plugin in config.plugins.values():
        found = getattr(plugin, "timings", None)
        if isinstance(found, dict):
            times.update(found)
    return times


def table(times: Timings) -> str:
    width = max(len(k) for k in times)
    lines = [f"{'文件'.ljust(width)}  {'方式':<8}  用时(秒)"]
    for name, (kind, seconds) in sorted(times.items(), key=lambda kv: (-kv[1][1], kv[0])):
        lines.append(f"{name.ljust(width)}  {kind:<8}  {seconds:8.2f}")
    total = sum(seconds for _, seconds in times.values())
    lines.append(f"{'合计'.ljust(width)}  {'':<8}  {total:8.2f}")
    return "\n".join(lines)


def on_post_build(config: MkDocsConfig) -> None:
    times = collect(config)
    if not times:
        return
    log.info("构建脚本与 notebook 的执行时间：\n%s", table(times))
    out = Path(config.config_file_path).resolve().parent / ".cache" / "build-times.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(
        json.dumps({k: {"kind": v[0], "seconds": round(v[1], 3)} for k, v in sorted(times.items())},
                   ensure_ascii=False, indent=1),
        encoding="utf-8",
    )
