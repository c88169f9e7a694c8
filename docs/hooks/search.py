"""MkDocs 钩子：让 Material 的中文搜索能搜到完整的课程术语（比如"梯度下降"）。

Material 的中文搜索分两半：

* 构建时（Python）：search 插件用 jieba 把页面里的中文切成词，词与词之间插入 ``\\u200b``，
  写进 ``search/search_index.json``。mkdocs.yml 里 ``jieba_dict_user`` 指向的
  词典（由 ``docs/glossary.yml`` 生成，见 ``docs/hooks/glossary.py``）让"梯度下降""逻辑回归""非结构化数据"这样的术语各成一个词
  （jieba 默认会切成"梯度|下降"）。
* 浏览器里（search worker 的 ``segment()``）：用索引里已有的词去贪心切分查询。源码是::

      for (let i = 0; i < query.length; i++)
        for (let j = i + 1; j < query.length; j++) {   // ← 少了 j == query.length
          const value = query.slice(i, j)
          if (value in index)
            wordcuts[i] = j - i
        }

  ``j`` 从不等于 ``query.length``，所以以查询最后一个字结尾的词永远不会被试到：
  搜"梯度下降"只切出"梯度"（加上"下"），"梯度下降"这个词本身、"下降"都丢了；
  只加用户词典救不了它——词典让"梯度下降"成了索引里的一个词，但查询一侧根本不去查它。

本钩子做两件事：

1. ``on_config``（优先于 search 插件运行）：把相对路径的 ``jieba_dict_user`` 换成相对
   mkdocs.yml 所在目录的绝对路径（插件自己按当前工作目录解析，换个目录构建就找不到），
   并在中文搜索缺少 jieba 时直接报错，而不是悄悄生成一个不分词的索引。
2. ``on_files``：把站点里 search worker 的那个循环上界 ``j<q.length`` 改成 ``j<=q.length``
   （压缩后的变量名不同，用正则按结构匹配）。必须恰好匹配一处，否则抛 ``PluginError``：
   Material 升级改了这段代码时构建会大声失败，而不是悄悄发布一个没修好的搜索。
   改的是要复制进站点的文件内容，Material 包本身不动。
"""

from __future__ import annotations

import fnmatch
import importlib.util
import logging
import re
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

log = logging.getLogger("mkdocs.hooks.search")

#: 站点里 search worker 的位置（文件名带内容哈希）
WORKER_GLOB = "assets/javascripts/workers/search.*.min.js"

#: 压缩后的 segment() 内层循环，例如
#: ``for(let o=s+1;o<t.length;o++)t.slice(s,o)in e&&(n[s]=o-s)``
#: 组 ``bound`` 是要改的那个 ``<``。
WORKER_LOOP = re.compile(
    r"for\(let (?P<j>[\w$]+)=(?P<i>[\w$]+)\+1;(?P=j)(?P<bound><)(?P<q>[\w$]+)\.length;(?P=j)\+\+\)"
    r"(?P=q)\.slice\((?P=i),(?P=j)\)in [\w$]+&&\([\w$]+\[(?P=i)\]=(?P=j)-(?P=i)\)"
)


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
            f"「for(let j=i+1;j<q.length;j++)q.slice(i,j)in index&&…」，实际找到 {len(matches)} 处。"
            "Material 升级后代码变了：请检查 segment() 是否已修复（上游修好就删掉这个补丁），"
            "或更新 docs/hooks/search.py 里的 WORKER_LOOP。"
        )
    pos = matches[0].start("bound")
    return js[:pos] + "<=" + js[pos + 1 :]


@event_priority(100)  # 必须早于 search 插件的 on_config（它在那里加载用户词典）
def on_config(config):
    search = config.plugins.get("material/search") or config.plugins.get("search")
    if search is None:
        return config
    langs = search.config.get("lang") or []
    if any(str(lang).startswith("zh") for lang in langs) and importlib.util.find_spec("jieba") is None:
        raise PluginError("中文搜索需要 jieba 分词：请 pip install -e '.[site]'（或 pip install jieba）")
    user_dict = search.config.get("jieba_dict_user")
    if user_dict and not Path(user_dict).is_absolute():
        path = Path(config.config_file_path).resolve().parent / user_dict
        if not path.is_file():
            raise PluginError(f"search.jieba_dict_user 指向的词典不存在：{path}")
        search.config["jieba_dict_user"] = str(path)
    return config


def on_files(files, config):
    workers = [f for f in files if fnmatch.fnmatchcase(f.src_uri, WORKER_GLOB)]
    if len(workers) != 1:
        found = ", ".join(f.src_uri for f in workers) or "无"
        raise PluginError(f"search 钩子：应恰好有一个 {WORKER_GLOB}，实际：{found}")
    worker = workers[0]
    worker.content_bytes = patch_worker(worker.content_bytes.decode("utf-8")).encode("utf-8")
    log.debug("已修补 %s 的 segment() 循环上界", worker.src_uri)
    return files
