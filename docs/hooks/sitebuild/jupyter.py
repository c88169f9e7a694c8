"""哪些页面是 mkdocs-jupyter 渲染的 notebook（只看它公开的 ``include`` / ``ignore`` 配置）。"""

from __future__ import annotations

from pathlib import PurePath

#: 本站的 notebook 是 jupytext 的 .py（percent 格式）或 .ipynb；.md 不当 notebook
NOTEBOOK_SUFFIXES = (".py", ".ipynb")


def is_notebook_page(abs_src_path: str | None, jupyter_config) -> bool:
    """``abs_src_path`` 的页面是否由 mkdocs-jupyter 渲染（与它自己的 include/ignore 匹配规则一致）。"""
    if abs_src_path is None:
        return False
    path = PurePath(abs_src_path)
    if path.suffix not in NOTEBOOK_SUFFIXES:
        return False
    if any(path.match(p) for p in jupyter_config["ignore"]):
        return False
    return any(path.match(p) for p in jupyter_config["include"])
