"""主题自带、文件名里带内容哈希的资源（例如 Material 的 bundle、search worker、palette.css）。

* `one_hashed_file`：找到恰好那一个；
* `republish`：改过内容后以新的内容哈希文件名发布它（旧文件与它的 ``.map`` 不再发布）。
"""

from __future__ import annotations

import hashlib
import re

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files

#: Material 文件名里的内容哈希：第一个点之后的 8 位十六进制（``palette.2461aee7.min.css``）
HASH = re.compile(r"(?<=\.)[0-9a-f]{8}(?=\.)")


def one_hashed_file(files: Files, folder: str, name: re.Pattern[str], who: str, what: str) -> File:
    """``folder`` 下文件名完全匹配 ``name`` 的那一个文件；不是恰好一个就抛 ``PluginError``
    （``who`` 是报错的钩子，``what`` 是期望的文件名样子，例如 ``bundle.<哈希>.min.js``）。"""
    found = [f for f in files if f.src_uri.startswith(folder) and name.fullmatch(f.src_uri[len(folder):])]
    if len(found) != 1:
        names = ", ".join(f.src_uri for f in found) or "无"
        raise PluginError(f"{who}：{folder} 下应恰好有一个 {what}，实际：{names}")
    return found[0]


def hashed_name(name: str, content: bytes) -> str:
    """与 Material 同样的命名方式：把 ``name`` 里的 8 位内容哈希换成 ``content`` 的 sha256 前 8 位。"""
    if len(HASH.findall(name)) != 1:
        raise PluginError(f"文件名 {name} 里应恰好有一段 8 位十六进制的内容哈希（形如 name.1234abcd.min.js）")
    return HASH.sub(hashlib.sha256(content).hexdigest()[:8], name)


def republish(files: Files, config: MkDocsConfig, old: File, content: bytes) -> str:
    """以新的内容哈希文件名（同一目录）发布改过的 ``content``，不再发布 ``old`` 与它的 source map
    （map 与改过的内容对不上）；返回新文件名（不含目录）。页面里的引用由调用的钩子改写。"""
    folder, _, name = old.src_uri.rpartition("/")
    new = hashed_name(name, content)
    for f in list(files):
        if f.src_uri in (old.src_uri, old.src_uri + ".map"):
            files.remove(f)
    files.append(File.generated(config, f"{folder}/{new}" if folder else new, content=content))
    return new
