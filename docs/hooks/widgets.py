"""MkDocs 钩子：构建时运行交互图的数据脚本，把结果作为 ``widgets/NAME.json`` 加入站点。

``docs/widgets/NAME.py`` 定义 ``build() -> dict``（真实运行 ``dlnotes``）；这里

* 用与图相同的缓存（键、读、原子写都从 ``figures.py`` 导入，不复制）：脚本或它用到的
  ``dlnotes`` 模块没变就直接用 ``.cache/widgets/`` 里的结果；
* 缺缓存的脚本各在一个子进程里运行，与页面渲染并行，在 ``on_env`` 汇合；
* 结果必须是能写成 JSON 的字典（不许 NaN/inf），gzip 后不超过 ``MAX_GZIP_BYTES``，
  否则构建失败并点名脚本；
* 把每个脚本的用时并入构建结束时的用时表（``.cache/build-times.json``）。

环境变量 ``DLNOTES_SKIP_WIDGETS=1`` 只关掉这里（``benchmarks/`` 用它量出数据脚本的开销）；
``DLNOTES_SKIP_EXECUTION=1`` 同样关掉它。
"""

from __future__ import annotations

import gzip
import json
import logging
import os
import subprocess
import sys
from pathlib import Path

# 与图共用缓存的键与读写（同目录的 figures.py；MkDocs 加载钩子时把钩子目录放在 sys.path 最前）
from figures import figure_key, read_cache, write_cache
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files

log = logging.getLogger("mkdocs.hooks.widgets")

WIDGET_DIR = "widgets"
MAX_GZIP_BYTES = 150_000

# 子进程里执行的代码：导入脚本、调用 build()、把 JSON 写到 stdout（UTF-8，紧凑，键按脚本顺序）
_RUNNER = r"""
import importlib.util, json, math, sys, time
path = sys.argv[1]
start = time.perf_counter()
spec = importlib.util.spec_from_file_location("_dlnotes_widget", path)
module = importlib.util.module_from_spec(spec)
spec.loader.exec_module(module)
build = getattr(module, "build", None)
if not callable(build):
    sys.exit(f"{path}: 交互图脚本必须定义 build() 并返回字典")
data = build()
if not isinstance(data, dict):
    sys.exit(f"{path}: build() 应返回 dict，实际返回 {type(data).__name__}")
try:
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
except (TypeError, ValueError) as exc:
    sys.exit(f"{path}: build() 的结果不能写成 JSON（{exc}）")
# 用时先写：写 stdout 可能要等父进程读管道（它在页面渲染完之后才读），那段等待不算脚本的用时
sys.stderr.write(f"\n__seconds__={time.perf_counter() - start:.6f}\n")
sys.stderr.flush()
sys.stdout.buffer.write(text.encode("utf-8"))
"""

_state: dict = {}


def _skip() -> bool:
    return any(os.environ.get(k, "") not in ("", "0") for k in ("DLNOTES_SKIP_WIDGETS", "DLNOTES_SKIP_EXECUTION"))


def _start(script: Path, root: Path) -> subprocess.Popen:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(root), os.environ.get("PYTHONPATH")])),
           "PYTHONHASHSEED": "0"}
    return subprocess.Popen([sys.executable, "-c", _RUNNER, str(script)], cwd=root, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def check_payload(data: bytes, rel: str) -> None:
    """结果是 JSON 对象、没有 NaN，且 gzip 后不超过预算；否则抛出点名脚本的 PluginError。"""
    try:
        obj = json.loads(data.decode("utf-8"))
    except ValueError as exc:
        raise PluginError(f"交互图脚本 {rel} 的输出不是 JSON：{exc}") from None
    if not isinstance(obj, dict):
        raise PluginError(f"交互图脚本 {rel} 的 build() 应返回字典，实际是 {type(obj).__name__}")
    size = len(gzip.compress(data, compresslevel=9, mtime=0))
    if size > MAX_GZIP_BYTES:
        raise PluginError(f"交互图脚本 {rel} 的数据 gzip 后 {size} 字节，超过上限 {MAX_GZIP_BYTES}")


def on_config(config):
    root = Path(config.config_file_path).resolve().parent
    _state.clear()
    _state.update(root=root, package_dir=root / "dlnotes", cache=root / ".cache" / WIDGET_DIR, jobs={}, times={})
    return config


def on_files(files: Files, config) -> Files:
    if _skip():
        return files
    root, package_dir, cache = _state["root"], _state["package_dir"], _state["cache"]
    scripts = sorted((Path(config.docs_dir) / WIDGET_DIR).glob("*.py"))
    live = set()
    for script in scripts:
        entry = cache / f"{script.stem}-{figure_key(script, package_dir)[:24]}.widget"
        live.add(entry.name)
        if read_cache(entry) is None:
            _state["jobs"][str(script.relative_to(root))] = (_start(script, root), entry)
        else:
            _state["times"][str(script.relative_to(root))] = ("缓存", 0.0)
        files.append(File.generated(config, f"{WIDGET_DIR}/{script.stem}.json", abs_src_path=str(entry)))
    if _state["jobs"]:
        log.info("计算 %d 个交互图的数据（子进程，与页面渲染并行）", len(_state["jobs"]))
    for p in cache.glob("*.widget") if cache.is_dir() else ():  # 不再被引用的旧条目
        if p.name not in live:
            p.unlink(missing_ok=True)
            p.with_suffix(".json").unlink(missing_ok=True)
    return files


def on_env(env, config, files):
    jobs: dict = _state.get("jobs", {})
    errors = []
    for rel, (proc, entry) in jobs.items():
        out, err = proc.communicate()
        text = err.decode("utf-8", "replace")
        if proc.returncode != 0:
            errors.append(f"交互图脚本 {rel} 失败（退出码 {proc.returncode}）：\n{text.strip()[-2000:]}")
            continue
        seconds = float(text.rsplit("__seconds__=", 1)[-1]) if "__seconds__=" in text else 0.0
        try:
            check_payload(out, rel)
        except PluginError as exc:
            errors.append(str(exc))
            continue
        write_cache(entry, out, seconds)
        _state["times"][rel] = ("计算", seconds)
    _state["jobs"] = {}
    if errors:
        raise PluginError("\n".join(errors))
    return env


def on_post_build(config):
    """把数据脚本的用时并入 figures 钩子写的 ``.cache/build-times.json``（它先运行）。"""
    times = _state.get("times", {})
    if not times:
        return
    lines = [f"{name}  {kind}  {seconds:.2f}" for name, (kind, seconds) in sorted(times.items())]
    log.info("交互图数据的执行时间：\n%s", "\n".join(lines))
    out = _state["root"] / ".cache" / "build-times.json"
    try:
        table = json.loads(out.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        table = {}
    if not isinstance(table, dict):
        table = {}
    table.update({k: {"kind": v[0], "seconds": round(v[1], 3)} for k, v in times.items()})
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(dict(sorted(table.items())), ensure_ascii=False, indent=1), encoding="utf-8")


def on_shutdown():
    for proc, _ in _state.pop("jobs", {}).values():
        proc.kill()


if __name__ == "__main__":  # pragma: no cover
    sys.exit("这是 MkDocs 钩子，由 mkdocs.yml 的 hooks: 加载")
