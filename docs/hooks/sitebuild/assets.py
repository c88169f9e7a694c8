"""主题自带、文件名里带内容哈希的资源（例如 Material 的 bundle、search worker）：找到恰好那一个。"""

from __future__ import annotations

import re

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files


def one_hashed_file(files: Files, folder: str, name: re.Pattern[str], who: str, what: str) -> File:
    """``folder`` 下文件名完全匹配 ``name`` 的那一个文件；不是恰好一个就抛 ``PluginError``
    （``who`` 是报错的钩子，``what`` 是期望的文件名样子，例如 ``bundle.<哈希>.min.js``）。"""
    found = [f for f in files if f.src_uri.startswith(folder) and name.fullmatch(f.src_uri[len(folder):])]
    if len(found) != 1:
        names = ", ".join(f.src_uri for f in found) or "无"
        raise PluginError(f"{who}：{folder} 下应恰好有一个 {what}，实际：{names}")
    return found[0]
