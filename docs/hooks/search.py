"""MkDocs 钩子：让 Material 的中文搜索能搜到完整的课程术语（比如「梯度下降」）。

Material 的中文搜索分两半：

* 构建时（Python）：search 插件用 jieba 把页面里的中文切成词，词与词之间插入 ``\\u200b``，
  写进 ``search/search_index.json``。mkdocs.yml 里 ``jieba_dict_user`` 指向的
  词典（由 ``docs/glossary.yml`` 生成，见 ``docs/hooks/glossary.py``）让「梯度下降」「逻辑回归」「非结构化数据」这样的术语各成一个词
  （jieba 默认会切成「梯度|下降」）。
* 浏览器里（search worker 的 ``segment()``）：用索引里已有的词去贪心切分查询。源码是

  ```js
  for (let i = 0; i < query.length; i++)
    for (let j = i + 1; j < query.length; j++) {   // ← 少了 j == query.length
      const value = query.slice(i, j)
      if (value in index)
        wordcuts[i] = j - i
    }
  ```

  ``j`` 从不等于 ``query.length``，所以以查询最后一个字结尾的词永远不会被试到：
  搜「梯度下降」只切出「梯度」，「梯度下降」这个词本身、「下降」都丢了。

本钩子（只在 search 插件的 ``lang`` 含 ``zh`` 时修补 worker）：

1. ``on_config``（早于 search 插件）：把相对路径的 ``jieba_dict_user`` 换成相对 mkdocs.yml
   的绝对路径，中文搜索缺 jieba 时直接报错。
2. ``on_files``：把 worker 里那个循环上界 ``j<q.length`` 改成 ``j<=q.length``（正则按结构匹配，
   必须恰好一处），删掉末尾的 ``//# sourceMappingURL`` 行，并以**新的内容哈希文件名**
   ``search.<sha256 前 8 位>.min.js`` 发布；Material 原来的 worker 与它的 ``.map`` 不再发布
   （浏览器缓存里的旧 worker 名字不同，不会被误用；也不会有与代码对不上的 source map）。
3. ``on_post_page`` / ``on_post_template``：每个 HTML 页面的 ``__config`` 里
   ``"search": ".../workers/search.<旧哈希>.min.js"`` 改成新名字；每页必须恰好一处。

任何一步没有恰好匹配都抛 ``PluginError`` 并点名页面与模式：Material 升级改了代码时构建
大声失败，而不是悄悄发布一个没修好的搜索。修补是对 Material 9.8.2 验证的（pyproject.toml
固定了这个版本）。Material 包本身不动。
"""

from __future__ import annotations

import importlib.util
import logging
import re
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page
from sitebuild.assets import one_hashed_file, republish

log = logging.getLogger("mkdocs.hooks.search")

#: Material 的 search worker 所在目录与文件名（文件名带内容哈希）
WORKER_DIR = "assets/javascripts/workers/"
WORKER_NAME = re.compile(r"search\.[0-9a-f]{8}\.min\.js")

#: 压缩后的 segment() 内层循环，例如
#: ``for(let o=s+1;o<t.length;o++)t.slice(s,o)in e&&(n[s]=o-s)``；组 ``bound`` 是要改的 ``<``。
WORKER_LOOP = re.compile(
    r"for\(let (?P<j>[\w$]+)=(?P<i>[\w$]+)\+1;(?P=j)(?P<bound><)(?P<q>[\w$]+)\.length;(?P=j)\+\+\)"
    r"(?P=q)\.slice\((?P=i),(?P=j)\)in [\w$]+&&\([\w$]+\[(?P=i)\]=(?P=j)-(?P=i)\)"
)

#: esbuild 在文件末尾写的 source map 注释
SOURCE_MAP_LINE = re.compile(r"\n//# sourceMappingURL=[^\n]*\s*\Z")


def patch_worker(js: str) -> str:
    """返回修好的 worker 源码：``segment()`` 内层循环的上界 ``<`` 改成 ``<=``。

    Raises
    ------
    PluginError
        循环没找到或找到不止一处（Material 的 worker 代码变了，需要重新检查这个修复）。
    """
    matches = list(WORKER_LOOP.finditer(js))
    if len(matches) != 1:
        raise PluginError(
            f"search 钩子：在 Material 的 search worker 里应恰好找到 1 处 segment() 的循环 "
            f"「for(let j=i+1;j<q.length;j++)q.slice(i,j)in index&&…」（模式 {WORKER_LOOP.pattern}），"
            f"实际找到 {len(matches)} 处。Material 升级后代码变了：请检查 segment() 是否已修复"
            "（上游修好就删掉这个补丁），或更新 docs/hooks/search.py 里的 WORKER_LOOP。"
        )
    pos = matches[0].start("bound")
    return js[:pos] + "<=" + js[pos + 1 :]


def drop_source_map(js: str) -> str:
    """去掉末尾的 ``//# sourceMappingURL=…`` 行（改过的代码与 Material 的 map 对不上）。"""
    found = js.count("sourceMappingURL")
    if found == 0:
        return js
    js, n = SOURCE_MAP_LINE.subn("\n", js)
    if found != 1 or n != 1:
        raise PluginError(
            f"search 钩子：worker 里应至多有 1 处、且在文件末尾的 sourceMappingURL 注释（模式 "
            f"{SOURCE_MAP_LINE.pattern}），实际出现 {found} 次、末尾匹配 {n} 处：无法确定要删哪一处"
        )
    return js


def worker_reference(old_name: str) -> re.Pattern[str]:
    """页面 ``__config`` JSON 里指向 worker 的那一项，例如 ``"search": "../assets/…/search.a7633da7.min.js"``。"""
    return re.compile(
        r'(?P<head>"search":\s*"(?:[^"]*/)?' + re.escape(WORKER_DIR) + r")" + re.escape(old_name) + r'(?P<tail>")'
    )


def rewrite_worker_reference(html: str, old_name: str, new_name: str, where: str) -> str:
    """把页面里指向旧 worker 的引用改成新名字；不是恰好一处就抛 ``PluginError``（点名页面与模式）。"""
    pattern = worker_reference(old_name)
    found = len(pattern.findall(html))
    if found != 1 or html.count(old_name) != 1:
        raise PluginError(
            f"search 钩子：{where} 里应恰好有 1 处 __config 的 worker 引用（模式 {pattern.pattern}），"
            f"实际匹配 {found} 处、出现旧文件名 {old_name} {html.count(old_name)} 次。"
            "Material 改了 base.html 里 __config 的写法：请更新 docs/hooks/search.py。"
        )
    return pattern.sub(lambda m: m.group("head") + new_name + m.group("tail"), html)


def chinese_search(config: MkDocsConfig) -> bool:
    """search 插件开着、且 ``lang`` 里有中文。"""
    search = config.plugins.get("material/search") or config.plugins.get("search")
    if search is None:
        return False
    return any(str(lang).startswith("zh") for lang in search.config.get("lang") or [])


class WorkerPatch(BasePlugin):
    """一次构建里的修补：旧 worker 名 → 新名（``on_files`` 里确定，页面事件里用）。"""

    def __init__(self) -> None:
        self.old_name = ""
        self.new_name = ""

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        worker = one_hashed_file(files, WORKER_DIR, WORKER_NAME, "search 钩子", "search.<哈希>.min.js")
        js = drop_source_map(patch_worker(worker.content_string))
        content = js.encode("utf-8")
        self.old_name = worker.src_uri[len(WORKER_DIR):]
        self.new_name = republish(files, config, worker, content)  # 旧 worker 与它的 source map 都不发布
        log.debug("search worker 已修补：%s → %s", self.old_name, self.new_name)
        return files

    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str:
        return rewrite_worker_reference(output, self.old_name, self.new_name, f"页面 {page.file.src_uri}")

    def on_post_template(self, output_content: str, *, template_name: str, config: MkDocsConfig) -> str:
        if not template_name.endswith(".html"):  # sitemap.xml 等
            return output_content
        return rewrite_worker_reference(output_content, self.old_name, self.new_name, f"模板 {template_name}")


@event_priority(100)  # 必须早于 search 插件的 on_config（它在那里加载用户词典）
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    search = config.plugins.get("material/search") or config.plugins.get("search")
    if search is None or not chinese_search(config):
        return config  # 不是中文搜索：worker 原样发布
    if importlib.util.find_spec("jieba") is None:
        raise PluginError("中文搜索需要 jieba 分词：请 pip install -e '.[site]'（或 pip install jieba）")
    user_dict = search.config.get("jieba_dict_user")
    if user_dict and not Path(user_dict).is_absolute():
        path = Path(config.config_file_path).resolve().parent / user_dict
        if not path.is_file():
            raise PluginError(f"search.jieba_dict_user 指向的词典不存在：{path}")
        search.config["jieba_dict_user"] = str(path)
    # 这次构建的修补状态放在一个新对象上（不是模块全局变量）；注册后它的事件照常被调用
    config.plugins["dlnotes/search-worker"] = WorkerPatch()
    return config
