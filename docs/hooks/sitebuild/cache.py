"""构建脚本的缓存：键只看内容，条目带校验，写入是原子的。

* 缓存键 = 各库版本 + 运行函数所在模块（``scripts.py``）与它用的 SVG 压缩器（``svgmin.py``）的源码 +
  输出种类 + 脚本内容 +
  脚本（传递地）导入的 ``dlnotes`` 模块的源码。改了 ``dlnotes/deep.py`` 只重算用到它的脚本。
* 条目 ``NAME-KEY.svg``（或 ``.json``）旁边是元数据 ``NAME-KEY.svg.meta.json``：sha256、长度、用时。
  损坏、截断或被换掉的条目被发现、删掉，由调用者重算，绝不会被发布。
"""

from __future__ import annotations

import ast
import functools
import hashlib
import importlib.metadata as md
import json
import logging
import os
import platform
from pathlib import Path

log = logging.getLogger("mkdocs.hooks.figures")

#: 进缓存键的库版本（换了版本，图可能不同）
LIBS = ("numpy", "matplotlib", "pylopdf-fonts-zh-cn", "scikit-learn")

#: 进缓存键的本包源码（改了运行函数或图的压缩器，缓存的图随之失效）
RUNNER_SOURCES = ("scripts.py", "svgmin.py")


@functools.lru_cache(maxsize=1)
def versions() -> str:
    parts = [f"python={platform.python_version()}"]
    for lib in LIBS:
        try:
            parts.append(f"{lib}={md.version(lib)}")
        except md.PackageNotFoundError:
            parts.append(f"{lib}=missing")
    return ";".join(parts)


@functools.lru_cache(maxsize=1024)  # 每个脚本的依赖闭包都会重读同几个 dlnotes 模块（纯函数：可缓存）
def dlnotes_imports(source: bytes, package_dir: Path, current: str | None = None) -> frozenset[Path]:
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


def closure(script: Path, package_dir: Path) -> list[Path]:
    """脚本传递依赖的全部 dlnotes 源文件（排好序）。"""
    todo = list(dlnotes_imports(script.read_bytes(), package_dir))
    seen: set[Path] = set()
    while todo:
        p = todo.pop()
        if p in seen:
            continue
        seen.add(p)
        rel = p.relative_to(package_dir.parent).with_suffix("")
        modname = ".".join(rel.parts[:-1] if rel.name == "__init__" else rel.parts)
        todo.extend(dlnotes_imports(p.read_bytes(), package_dir, modname) - seen)
    return sorted(seen)


def digest(*chunks: bytes) -> str:
    """各段带长度前缀的 sha256（段与段之间不会串）。"""
    h = hashlib.sha256()
    for c in chunks:
        h.update(len(c).to_bytes(8, "little"))
        h.update(c)
    return h.hexdigest()


def script_key(script: Path, package_dir: Path, kind: str) -> str:
    """一个构建脚本的缓存键；``kind`` 是输出种类（例如 ``.svg``）。"""
    here = Path(__file__).parent
    chunks = [versions().encode(), *(here.joinpath(m).read_bytes() for m in RUNNER_SOURCES),
              kind.encode(), script.read_bytes()]
    for dep in closure(script, package_dir):
        chunks += [str(dep.relative_to(package_dir.parent)).encode(), dep.read_bytes()]
    return digest(*chunks)


def package_key(package_dir: Path) -> str:
    """整个 ``dlnotes`` 包（全部源码）+ 库版本的键：notebook 缓存随它失效。"""
    chunks = [versions().encode()]
    for p in sorted(package_dir.rglob("*.py")):
        chunks += [str(p.relative_to(package_dir)).encode(), p.read_bytes()]
    return digest(*chunks)


def meta_path(entry: Path) -> Path:
    return entry.with_name(entry.name + ".meta.json")


def read_entry(entry: Path) -> bytes | None:
    """读取缓存条目；sha256 不符、截断或缺失时删除并返回 None。"""
    meta_file = meta_path(entry)
    try:
        meta = json.loads(meta_file.read_text(encoding="utf-8"))
        data = entry.read_bytes()
    except FileNotFoundError:
        return None
    except (OSError, ValueError):
        meta, data = None, b""
    if (not isinstance(meta, dict) or hashlib.sha256(data).hexdigest() != meta.get("sha256")
            or len(data) != meta.get("size")):
        # 不是 WARNING：严格构建不应因为一个已被自动修复的缓存条目失败
        log.info("缓存条目损坏，丢弃并重新计算：%s", entry.name)
        for p in (entry, meta_file):
            p.unlink(missing_ok=True)
        return None
    return data


def write_entry(entry: Path, data: bytes, seconds: float) -> None:
    """原子地写入：先写临时文件再改名；元数据最后写，所以半截条目不会被当成有效。"""
    entry.parent.mkdir(parents=True, exist_ok=True)
    tmp = entry.with_name(f".{entry.name}.{os.getpid()}.tmp")
    tmp.write_bytes(data)
    os.replace(tmp, entry)
    meta = {"sha256": hashlib.sha256(data).hexdigest(), "size": len(data), "seconds": round(seconds, 3)}
    tmp = entry.with_name(f".{entry.name}.{os.getpid()}.meta.tmp")
    tmp.write_text(json.dumps(meta), encoding="utf-8")
    os.replace(tmp, meta_path(entry))


def prune(folder: Path, live: set[str]) -> None:
    """删掉 ``folder`` 里不属于 ``live``（仍在用的条目文件名）的一切：旧条目、它们的元数据、残留的临时文件。"""
    if not folder.is_dir():
        return
    for p in folder.iterdir():
        owner = p.name.removesuffix(".meta.json")
        if p.is_file() and owner not in live:
            p.unlink(missing_ok=True)
