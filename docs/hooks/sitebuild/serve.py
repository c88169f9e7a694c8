"""``mkdocs serve`` 的增量重建用到的纯函数（不认识 MkDocs 事件；``docs/hooks/serve.py`` 用它们）。

* `is_serve_site`：这次构建是不是 ``mkdocs serve`` 的（serve 总写进它自己建的临时目录 ``mkdocs_*``）；
* `scan_inputs` / `changed_inputs` / `classify`：上次构建以来哪些输入变了，能不能只重建改过的页面；
* `merge_search_index`：上一次的完整搜索索引里，换上重建过的页面的新条目。
"""

from __future__ import annotations

import tempfile
from collections.abc import Iterable
from pathlib import Path

#: 不算输入的目录（Python 的字节码缓存、构建缓存）
IGNORED_DIRS = frozenset({"__pycache__", ".cache", ".pytest_cache", ".hypothesis"})


def is_serve_site(site_dir: str | Path) -> bool:
    """``mkdocs serve`` 每次构建（包括每次重建）都写进它自己建的临时目录 ``mkdocs_*``。"""
    site = Path(site_dir).resolve()
    return site.parent == Path(tempfile.gettempdir()).resolve() and site.name.startswith("mkdocs_")


def scan_inputs(root: Path, paths: Iterable[Path]) -> dict[str, list[int]]:
    """``paths``（文件或目录，目录递归）里每个文件 → ``[mtime_ns, 大小]``；键是相对 ``root`` 的 POSIX 路径。"""
    out: dict[str, list[int]] = {}

    def add(p: Path) -> None:
        st = p.stat()
        out[p.resolve().relative_to(root).as_posix()] = [st.st_mtime_ns, st.st_size]

    for path in paths:
        if path.is_file():
            add(path)
        elif path.is_dir():
            for p in sorted(path.rglob("*")):
                if p.is_file() and not IGNORED_DIRS.intersection(p.relative_to(path).parts):
                    add(p)
    return out


def changed_inputs(before: dict[str, list[int]], now: dict[str, list[int]]) -> set[str]:
    """新增、删除或（修改时间、大小）变了的输入。"""
    return {p for p in before.keys() | now.keys() if before.get(p) != now.get(p)}


def classify(changed: set[str], pages: set[str]) -> str:
    """``"pages"``：变的只有这些页面源文件（都还在）——只重建它们；否则 ``"full"``：全部重建。

    什么都没变（例如只是触发了一次重建）也按 ``"full"`` 处理：宁可慢一次，不发布旧页面。
    """
    return "pages" if changed and changed <= pages else "full"


def _page_of(location: str) -> str:
    return location.split("#", 1)[0]


def _entries(index: object, what: str) -> list[dict]:
    if not (isinstance(index, dict) and isinstance(index.get("docs"), list) and "config" in index
            and all(isinstance(d, dict) and isinstance(d.get("location"), str) for d in index["docs"])):
        raise ValueError(f"{what}不是 Material 的搜索索引格式（{{config, docs: [{{location, …}}]}}）")
    return index["docs"]


def merge_search_index(previous: dict | None, rebuilt: dict, rebuilt_pages: set[str]) -> dict:
    """上一次的完整索引里，重建过的页面（``page.url``）的条目换成 ``rebuilt`` 里的，其余原样、顺序不变。

    ``rebuilt`` 只含这次重建的页面的条目（``config`` 也取它的）。重建过、但这次没有条目的页面
    （例如设了 ``search: exclude``）的旧条目去掉；上一次没有的页面接在最后。全部页面都重建时
    结果就是 ``rebuilt``。

    Raises
    ------
    ValueError
        索引不是 Material 的格式，或者 ``rebuilt`` 里有不在 ``rebuilt_pages`` 里的页面。
    """
    new = _entries(rebuilt, "这次的索引")
    old = _entries(previous, "上一次的索引") if previous is not None else []
    by_page: dict[str, list[dict]] = {}
    for d in new:
        by_page.setdefault(_page_of(d["location"]), []).append(d)
    stray = sorted(set(by_page) - rebuilt_pages)
    if stray:
        raise ValueError(f"这次的索引里有没重建的页面：{stray}")
    docs: list[dict] = []
    placed: set[str] = set()
    for d in old:
        page = _page_of(d["location"])
        if page not in rebuilt_pages:
            docs.append(d)
        elif page not in placed:
            docs.extend(by_page.get(page, []))
            placed.add(page)
    for page, entries in by_page.items():
        if page not in placed:
            docs.extend(entries)
    return {**rebuilt, "docs": docs}
