"""让 ``pytest docs`` 把每个页面当作一个 notebook 运行（Sybil）。

读者看到的文本才是测试的对象：先像构建网站时一样展开 ``--8<--`` 片段引用
（直接调用 ``pymdownx.snippets`` 的预处理器，配置取自 ``mkdocs.yml``），然后按页面顺序，
在**同一个命名空间**里执行

- 每个 ```` ```python ```` 代码块（执行整段代码，比如嵌入的 ``dlnotes.core`` 函数定义）；
- 每个 ```` ```pycon ```` 代码块（``>>>`` 例子，逐条比较输出，只允许 NORMALIZE_WHITESPACE
  与 ELLIPSIS，不用 NUMBER）。

缩进在提示框或折叠块（``!!! note``、``??? success "答案"``）里的代码块同样收集。
页面里其他语言的代码块（``bash``、``text`` ……）只展示不执行；语言写错的（如 ``Python``、
``py``）会让测试失败，而不是悄悄跳过。
"""

from __future__ import annotations

from collections.abc import Iterable
from doctest import ELLIPSIS, NORMALIZE_WHITESPACE
from pathlib import Path

import markdown
import yaml
from sybil import Document, Region, Sybil
from sybil.evaluators.doctest import DocTestEvaluator
from sybil.parsers.abstract.doctest import DocTestStringParser
from sybil.parsers.markdown import CodeBlockParser, PythonCodeBlockParser
from sybil.parsers.markdown.lexers import FencedCodeBlockLexer

ROOT = Path(__file__).resolve().parent.parent

# docs/ 下的 .py 文件不是测试也不是可导入的模块：图脚本由构建钩子执行，
# notebook 由 mkdocs-jupyter 执行，钩子依赖 MkDocs。不让 --doctest-modules 导入它们。
collect_ignore_glob = ["notebooks/*", "figures/*", "hooks/*"]
# conftest 本身不作为 doctest 模块收集（否则与 tests/conftest.py 同名冲突）
collect_ignore = ["conftest.py"]

OPTIONFLAGS = ELLIPSIS | NORMALIZE_WHITESPACE  # 不用 NUMBER：输出必须与代码真正打印的逐字一致
#: 只展示、不执行的代码块语言。
DISPLAY_ONLY = {"bash", "console", "text", "markdown", "yaml", "toml", "json", "html", "css", "js", "mermaid"}


class _TaggedLoader(yaml.SafeLoader):
    """读 mkdocs.yml：``!relative``、``!!python/name:`` 等标签保留为 (标签, 值)，不去解析。"""


_TaggedLoader.add_multi_constructor(
    "", lambda loader, tag, node: (tag, loader.construct_scalar(node) if isinstance(node, yaml.ScalarNode) else None)
)
_TaggedLoader.add_multi_constructor(
    "tag:yaml.org,2002:python/",
    lambda loader, tag, node: (tag, loader.construct_scalar(node) if isinstance(node, yaml.ScalarNode) else None),
)


def snippet_config() -> dict:
    """``mkdocs.yml`` 里 ``pymdownx.snippets`` 的配置，``base_path`` 换成真实路径。"""
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_TaggedLoader)
    for ext in config["markdown_extensions"]:
        if isinstance(ext, dict) and "pymdownx.snippets" in ext:
            options = dict(ext["pymdownx.snippets"] or {})
            break
    else:
        raise LookupError("mkdocs.yml 的 markdown_extensions 里没有 pymdownx.snippets")
    paths = []
    for p in options.get("base_path", ["."]):
        if p == ("!relative", "$config_dir"):
            paths.append(str(ROOT))
        elif isinstance(p, str):
            paths.append(str(ROOT / p))  # MkDocs 以当前目录为准；构建总在仓库根目录运行
        else:
            raise ValueError(f"docs/conftest.py 不认识 pymdownx.snippets 的 base_path {p!r}，请在这里补上")
    options["base_path"] = paths
    return options


def expand_snippets(text: str) -> str:
    """像构建网站时一样展开 ``--8<--`` 引用（就是 pymdownx.snippets 自己的预处理器）。"""
    md = markdown.Markdown(extensions=["pymdownx.snippets"],
                           extension_configs={"pymdownx.snippets": snippet_config()})
    return "\n".join(md.preprocessors["snippet"].run(text.split("\n")))


class PageDocument(Document):
    """读者看到的页面：片段引用已经展开。行号指展开后的文本。"""

    @classmethod
    def parse(cls, path: str, *parsers, encoding: str = "utf-8") -> Document:
        document = cls(expand_snippets(Path(path).read_text(encoding=encoding)), path)
        for parser in parsers:
            for region in parser(document):
                document.add(region)
        return document


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
                region.adjust(block, source)  # 把行号换算回文件里的位置
                yield region


def check_languages(document: Document) -> Iterable[Region]:
    """每个围栏代码块的语言要么会被执行（python、pycon），要么明确只展示；别的写法报错。"""
    lexer = FencedCodeBlockLexer(language=r"[^\n]*", mapping={"language": "language"})
    for region in lexer(document):
        language = region.lexemes["language"].strip()
        if language in ("python", "pycon") or language in DISPLAY_ONLY:
            continue
        line = document.text.count("\n", 0, region.start) + 1
        raise ValueError(
            f"{document.path} 展开后第 {line} 行：代码块语言 {language!r} 既不会执行也不在只展示的列表里；"
            f"Python 代码请写 ```python（定义）或 ```pycon（>>> 例子）"
        )
    return ()


pytest_collect_file = Sybil(
    parsers=[check_languages, PythonCodeBlockParser(doctest_optionflags=OPTIONFLAGS), PyconParser(OPTIONFLAGS)],
    patterns=["*.md"],
    document_types={".md": PageDocument},
).pytest()
