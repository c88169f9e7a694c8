"""让 ``pytest docs`` 运行页面里的 ```` ```pycon ```` 例子（Sybil）。

页面里的交互式例子写在 ``pycon`` 代码块中（``>>> `` 提示符 + 期望输出），
这里把每个这样的代码块当作一段 doctest 执行：同一页面的例子共享一个命名空间，
按出现顺序运行，所以后面的例子可以用前面定义的变量。

``python`` 代码块（比如用 ``--8<--`` 嵌入的 ``dlnotes`` 源码）只展示、不执行：
那些函数已经由 ``--doctest-modules`` 和 ``tests/`` 测过。
"""

from __future__ import annotations

from collections.abc import Iterable
from doctest import ELLIPSIS, NORMALIZE_WHITESPACE

from sybil import Document, Region, Sybil
from sybil.evaluators.doctest import DocTestEvaluator
from sybil.parsers.abstract.doctest import DocTestStringParser
from sybil.parsers.markdown import CodeBlockParser

# docs/ 下的 .py 文件不是测试也不是可导入的模块：图脚本由构建钩子执行，
# notebook 由 mkdocs-jupyter 执行，钩子依赖 MkDocs。不让 --doctest-modules 导入它们。
collect_ignore_glob = ["notebooks/*", "figures/*", "hooks/*"]
# conftest 本身不作为 doctest 模块收集（否则与 tests/conftest.py 同名冲突）
collect_ignore = ["conftest.py"]


class PyconParser:
    """找出 ```` ```pycon ```` 围栏代码块，把其中的 ``>>>`` 例子交给 doctest 执行。"""

    language = "pycon"

    def __init__(self, optionflags: int = 0) -> None:
        # 只用它来定位代码块；求值交给下面的 doctest 解析器产生的区域
        self.codeblocks = CodeBlockParser(language=self.language)
        self.doctests = DocTestStringParser(DocTestEvaluator(optionflags))

    def __call__(self, document: Document) -> Iterable[Region]:
        for block in self.codeblocks(document):
            source = block.parsed
            for region in self.doctests(source, document.path):
                region.adjust(block, source)  # 把行号换算回 .md 文件里的位置
                yield region


pytest_collect_file = Sybil(
    # 不用 NUMBER：页面上的输出必须与代码真正打印的逐字一致
    parsers=[PyconParser(optionflags=ELLIPSIS | NORMALIZE_WHITESPACE)],
    patterns=["*.md"],
).pytest()
