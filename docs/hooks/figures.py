"""MkDocs 钩子：构建时运行图脚本、缓存 SVG、给 notebook 计时。

这是仓库里唯一认识 MkDocs 的代码，刻意保持很薄：

* ``docs/figures/NAME.py`` 定义 ``build()``，由 :func:`dlnotes.plotting.render_script` 执行，
  结果作为 ``figures/NAME.svg`` 用 ``File.generated`` 加入站点（从不写进 ``docs/``）。
* 缓存键 = 脚本内容 + 它（传递地）导入的 ``dlnotes`` 模块的源码 + 各库版本。
  没变的图直接读缓存；改了 ``dlnotes/deep.py`` 只重算用到它的图。
  缓存条目附带 sha256，损坏或截断的条目会被发现、丢弃并重算，绝不会被发布。
* 缺缓存的图在子进程池里并行计算，与页面渲染（包括 notebook 执行）同时进行，
  在复制静态文件之前（``on_env``）汇合；任何一个脚本抛错或画出 NaN，构建失败并点名该脚本。
* mkdocs-jupyter 自己的缓存只看 notebook 文本；这里把它的 ``cache_dir`` 换成随
  ``dlnotes`` 源码哈希变化的目录，代码一改 notebook 就会重新执行。
* 构建结束时打印每张图、每个 notebook 的用时表（同 sphinx-gallery），并写入
  ``.cache/build-times.json`` 供 ``benchmarks/`` 读取。

环境变量 ``DLNOTES_SKIP_EXECUTION=1`` 关掉图脚本与 notebook 执行（只用于基准对照）。
"""

from __future__ import annotations

import ast
import concurrent.futures as cf
import functools
import hashlib
import importlib.metadata as md
import json
import logging
import multiprocessing
import os
import platform
import re
import shutil
import sys
import time
from html import unescape as html_unescape
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files

# 在子进程里执行图脚本的函数：只依赖 dlnotes，不依赖 MkDocs
from dlnotes.plotting import render_script

log = logging.getLogger("mkdocs.hooks.figures")

FIGURE_DIR = "figures"
_LIBS = ("numpy", "matplotlib", "pylopdf-fonts-zh-cn", "scikit-learn")

# 一次构建内的状态（mkdocs serve 每次重建都会重新走一遍这些事件）
_state: dict = {}


def _root(config) -> Path:
    return Path(config.config_file_path).resolve().parent


def _skip() -> bool:
    return os.environ.get("DLNOTES_SKIP_EXECUTION", "") not in ("", "0")


# ---------------------------------------------------------------- 依赖与缓存键
@functools.lru_cache(maxsize=1)
def _versions() -> str:
    parts = [f"python={platform.python_version()}"]
    for lib in _LIBS:
        try:
            parts.append(f"{lib}={md.version(lib)}")
        except md.PackageNotFoundError:
            parts.append(f"{lib}=missing")
    return ";".join(parts)


@functools.lru_cache(maxsize=1024)  # 每张图的依赖闭包都会重读同几个 dlnotes 模块
def _dlnotes_imports(source: bytes, package_dir: Path, current: str | None = None) -> frozenset[Path]:
    """源码里直接导入的 dlnotes 模块文件。"""
    found: set[Path] = set()
    try:
        tree = ast.parse(source)
    except SyntaxError:
        return frozenset()  # 语法错误留给执行时报告

    def add(modname: str) -> None:
        parts = modname.split(".")
        if parts[0] != "dlnotes":
            return
        for i in range(1, len(parts) + 1):
            base = package_dir.joinpath(*parts[1:i])
            for cand in (base.with_suffix(".py") if i > 1 else None, base / "__init__.py"):
                if cand is not None and cand.is_file():
                    found.add(cand)

    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                add(alias.name)
        elif isinstance(node, ast.ImportFrom):
            mod = node.module or ""
            if node.level and current:  # 包内相对导入
                pkg = current.rsplit(".", node.level)[0]
                mod = f"{pkg}.{mod}" if mod else pkg
            add(mod)
            for alias in node.names:
                add(f"{mod}.{alias.name}")
    return frozenset(found)


def _closure(script: Path, package_dir: Path) -> list[Path]:
    """脚本传递依赖的全部 dlnotes 源文件（排好序）。"""
    todo = list(_dlnotes_imports(script.read_bytes(), package_dir))
    seen: set[Path] = set()
    while todo:
        p = todo.pop()
        if p in seen:
            continue
        seen.add(p)
        rel = p.relative_to(package_dir.parent).with_suffix("")
        modname = ".".join(rel.parts[:-1] if rel.name == "__init__" else rel.parts)
        todo.extend(_dlnotes_imports(p.read_bytes(), package_dir, modname) - seen)
    return sorted(seen)


def _key(*chunks: bytes) -> str:
    h = hashlib.sha256()
    for c in chunks:
        h.update(len(c).to_bytes(8, "little"))
        h.update(c)
    return h.hexdigest()


def figure_key(script: Path, package_dir: Path) -> str:
    chunks = [_versions().encode(), script.read_bytes()]
    for dep in _closure(script, package_dir):
        chunks += [str(dep.relative_to(package_dir.parent)).encode(), dep.read_bytes()]
    return _key(*chunks)


def package_key(package_dir: Path) -> str:
    chunks = [_versions().encode()]
    for p in sorted(package_dir.rglob("*.py")):
        chunks += [str(p.relative_to(package_dir)).encode(), p.read_bytes()]
    return _key(*chunks)


def read_cache(entry: Path) -> bytes | None:
    """读取缓存条目；sha256 不符、截断或缺失时删除并返回 None。"""
    meta_path = entry.with_suffix(".json")
    try:
        meta = json.loads(meta_path.read_text(encoding="utf-8"))
        data = entry.read_bytes()
    except FileNotFoundError:
        return None
    except (OSError, ValueError):
        meta, data = None, b""
    if not isinstance(meta, dict) or hashlib.sha256(data).hexdigest() != meta.get("sha256") or len(data) != meta.get("size"):
        # 不是 WARNING：严格构建不应因为一个已被自动修复的缓存条目失败
        log.info("图缓存条目损坏，丢弃并重新计算：%s", entry.name)
        for p in (entry, meta_path):
            p.unlink(missing_ok=True)
        return None
    return data


def write_cache(entry: Path, data: bytes, seconds: float) -> None:
    """原子地写入：先写临时文件再改名；元数据最后写，所以半截条目不会被当成有效。"""
    entry.parent.mkdir(parents=True, exist_ok=True)
    tmp = entry.with_name(f".{entry.name}.{os.getpid()}.tmp")
    tmp.write_bytes(data)
    os.replace(tmp, entry)
    meta = {"sha256": hashlib.sha256(data).hexdigest(), "size": len(data), "seconds": round(seconds, 3)}
    tmp = entry.with_name(f".{entry.name}.{os.getpid()}.json.tmp")
    tmp.write_text(json.dumps(meta), encoding="utf-8")
    os.replace(tmp, entry.with_suffix(".json"))


# ---------------------------------------------------------------- MkDocs 事件
def on_config(config):
    root = _root(config)
    package_dir = root / "dlnotes"
    cache_root = root / ".cache"
    _state.clear()
    _state.update(root=root, package_dir=package_dir, cache=cache_root / "figures", times={}, jobs={})
    jupyter = config.plugins.get("mkdocs-jupyter")
    if jupyter is not None:
        # notebook 的缓存随 dlnotes 源码一起失效
        pkey = package_key(package_dir)[:16]
        jupyter.config["cache_dir"] = str(cache_root / "mkdocs-jupyter" / pkey)
        # 旧版本 dlnotes 的 notebook 缓存不会再被用到：删掉，免得 .cache 越积越多
        for old in (cache_root / "mkdocs-jupyter").glob("*"):
            if old.is_dir() and old.name != pkey:
                shutil.rmtree(old, ignore_errors=True)
        _validate_notebook_cache(Path(jupyter.config["cache_dir"]))
        if _skip():
            jupyter.config["execute"] = False
            jupyter.config["cache"] = False
    return config


def _validate_notebook_cache(cache_dir: Path) -> None:
    for p in cache_dir.glob("*.json") if cache_dir.is_dir() else ():
        try:
            data = json.loads(p.read_text(encoding="utf-8"))
            ok = isinstance(data, dict) and isinstance(data.get("content"), str) and "toc_tokens" in data
        except (OSError, ValueError):
            ok = False
        if not ok:
            log.info("notebook 缓存条目损坏，丢弃并重新执行：%s", p.name)
            p.unlink(missing_ok=True)


def on_files(files: Files, config) -> Files:
    root, package_dir, cache = _state["root"], _state["package_dir"], _state["cache"]
    docs = Path(config.docs_dir)
    scripts = sorted((docs / FIGURE_DIR).glob("*.py"))
    pending: dict[str, tuple[Path, Path]] = {}
    for script in scripts:
        uri = f"{FIGURE_DIR}/{script.stem}.svg"
        if _skip():
            continue
        entry = cache / f"{script.stem}-{figure_key(script, package_dir)[:24]}.svg"
        data = read_cache(entry)
        if data is None:
            pending[uri] = (script, entry)
        else:
            _state["times"][str(script.relative_to(root))] = ("缓存", 0.0)
        files.append(File.generated(config, uri, abs_src_path=str(entry)))
    if pending:
        workers = max(1, min(len(pending), os.cpu_count() or 1))
        ctx = multiprocessing.get_context("spawn")
        pool = cf.ProcessPoolExecutor(max_workers=workers, mp_context=ctx)
        _state["pool"] = pool
        _state["jobs"] = {pool.submit(render_script, str(s)): (s, e) for s, e in pending.values()}
        log.info("计算 %d 张图（%d 个进程，与页面渲染并行）", len(pending), workers)
    _prune(cache, files)
    return files


def _prune(cache: Path, files: Files) -> None:
    """删除不再被任何脚本引用的旧缓存条目。"""
    if not cache.is_dir() or _skip():
        return
    live = {Path(f.abs_src_path).name for f in files if f.src_uri.startswith(f"{FIGURE_DIR}/") and f.abs_src_path}
    for p in cache.glob("*.svg"):
        if p.name not in live:
            p.unlink(missing_ok=True)
            p.with_suffix(".json").unlink(missing_ok=True)


def on_pre_page(page, config, files):
    # mkdocs-jupyter 已把 notebook 页面的 render 换成"执行并转换"；在外面再包一层计时
    if getattr(page.file, "is_notebook", False) or page.file.src_uri.endswith((".ipynb", ".py")):
        inner = page.render

        def timed_render(*args, **kwargs):
            start = time.perf_counter()
            try:
                return inner(*args, **kwargs)
            except Exception as exc:
                raise PluginError(f"notebook {page.file.src_uri} 执行失败：{exc}") from exc
            finally:
                _state["times"][f"docs/{page.file.src_uri}"] = ("notebook", time.perf_counter() - start)

        page.render = timed_render
    return page


_NB_MATHJAX = re.compile(r"<!-- Load mathjax -->.*?<!-- End of mathjax configuration -->", re.S)
_NB_MERMAID = re.compile(r'<script type="module">(?:(?!</script>).)*?mermaid(?:(?!</script>).)*?</script>', re.S)


_NB_HEADING = re.compile(r'<h([1-6]) id="[^"]*">(.*?)<a class="anchor-link" href="#[^"]*">', re.S)
_TAGS = re.compile(r"<[^>]+>")


def _notebook_anchors(html: str, page) -> str:
    """notebook 标题的 id：mkdocs-jupyter 丢掉中文字符（得到空 id），目录却链接到 #_1、#_2。

    这里用与 Markdown 页面相同的 pymdownx slugify 重新生成 id，并同步改写页面目录，
    让中文锚点可读、目录链接可用。
    """
    from pymdownx.slugs import slugify

    slug = slugify(case="lower")
    used: dict[str, int] = {}
    by_title: dict[str, list[str]] = {}

    def repl(m: re.Match) -> str:
        text = html_unescape(_TAGS.sub("", m.group(2))).strip()
        base = slug(text, "-") or "section"
        n = used.get(base, 0)
        used[base] = n + 1
        anchor = base if n == 0 else f"{base}_{n}"
        by_title.setdefault(text, []).append(anchor)
        return f'<h{m.group(1)} id="{anchor}">{m.group(2)}<a class="anchor-link" href="#{anchor}">'

    html = _NB_HEADING.sub(repl, html)

    def walk(items) -> None:
        for item in items:
            ids = by_title.get(html_unescape(_TAGS.sub("", item.title)).strip())
            if ids:
                item.id = ids.pop(0)
            walk(item.children)

    if page.toc:
        walk(page.toc)
    return html


# 同一单元里相邻的两段纯文本输出（stdout）的接缝
_NB_STREAM_SEAM = (
    '</pre>\n</div>\n</div>\n<div class="jp-OutputArea-child">\n'
    '<div class="jp-OutputPrompt jp-OutputArea-prompt"></div>\n'
    '<div class="jp-RenderedText jp-OutputArea-output" data-mime-type="text/plain" tabindex="0">\n<pre>'
)


def on_page_content(html, page, config, files):
    if page.file.src_uri.startswith("notebooks/"):
        # nbconvert 的模板会插入指向 CDN 的 MathJax 2 与 mermaid 脚本；公式在构建时排好（math.py），删掉它们
        html = _NB_MERMAID.sub("", _NB_MATHJAX.sub("", html))
        html = _notebook_anchors(html, page)
        # 内核把一个单元的 print 输出分成几条消息发回来取决于时机（一次执行一段、另一次三段），
        # 页面和搜索索引就不再逐字节相同。把相邻的纯文本输出合成一段（nbclient 的
        # coalesce_streams 做的也是这件事，但它不可配置，mkdocs-jupyter 也没有暴露它）。
        html = html.replace(_NB_STREAM_SEAM, "")
    return html


def on_env(env, config, files):
    jobs: dict = _state.get("jobs", {})
    errors = []
    for fut in cf.as_completed(jobs):
        script, entry = jobs[fut]
        rel = str(script.relative_to(_state["root"]))
        try:
            data, seconds = fut.result()
        except Exception as exc:  # noqa: BLE001 - 任何错误都要点名脚本
            errors.append(f"图脚本 {rel} 失败：{type(exc).__name__}: {exc}")
            continue
        write_cache(entry, data, seconds)
        _state["times"][rel] = ("计算", seconds)
    pool = _state.pop("pool", None)
    if pool is not None:
        pool.shutdown()
    _state["jobs"] = {}
    if errors:
        raise PluginError("\n".join(errors))
    return env


def on_post_build(config):
    times = _state.get("times", {})
    if not times:
        return
    width = max(len(k) for k in times)
    lines = [f"{'文件'.ljust(width)}  {'方式':<8}  用时(秒)"]
    total = 0.0
    for name, (kind, seconds) in sorted(times.items(), key=lambda kv: -kv[1][1]):
        lines.append(f"{name.ljust(width)}  {kind:<8}  {seconds:8.2f}")
        total += seconds
    lines.append(f"{'合计'.ljust(width)}  {'':<8}  {total:8.2f}")
    log.info("图与 notebook 的执行时间：\n%s", "\n".join(lines))
    out = _state["root"] / ".cache" / "build-times.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(
        json.dumps({k: {"kind": v[0], "seconds": round(v[1], 3)} for k, v in sorted(times.items())},
                   ensure_ascii=False, indent=1),
        encoding="utf-8",
    )


def on_shutdown():
    pool = _state.pop("pool", None)
    if pool is not None:
        pool.shutdown(cancel_futures=True)


if __name__ == "__main__":  # pragma: no cover
    sys.exit("这是 MkDocs 钩子，由 mkdocs.yml 的 hooks: 加载")
