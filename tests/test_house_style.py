"""中文排版（STYLE.md）：构建出的每一页正文里，没有紧挨着汉字的半角标点。

中文句子里的逗号、冒号、分号、括号、叹号、问号都用全角（，：；（）！？）。检查的是构建出的
HTML 的正文（``<article>``），代码（``code``/``pre``/``kbd``/``samp``）、公式（arithmatex、
MathJax、原样的 ``$…$``）、脚本与样式、SVG 都不算；术语提示（``.gl-tip``）的文字来自
docs/glossary.yml，在术语表页面里检查一次。

失败信息按页面列出每一处：页面、半角标点前后的文字，方便逐条改。
"""

from __future__ import annotations

import re

from bs4 import BeautifulSoup
from sitetools import html_pages, page_path

HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
HALF = ",:;()!?"
#: 半角标点紧挨着汉字（在汉字前或后）
OFFENCE = re.compile(f"(?<=[{HAN}])[{re.escape(HALF)}]|[{re.escape(HALF)}](?=[{HAN}])")
#: 不是中文正文的元素
NOT_PROSE = ["code", "pre", "kbd", "samp", "script", "style", "svg", "math", "mjx-container", "textarea"]
NOT_PROSE_CLASSES = ["arithmatex", "gl-tip", "headerlink", "MathJax", "clipboard-copy-txt", "CodeMirror"]
#: 文字里原样留着的 TeX（notebook 的 Markdown 单元）
TEX = re.compile(r"\$\$.+?\$\$|\$[^$\n]+?\$|\\\(.+?\\\)|\\\[.+?\\\]", re.S)
CONTEXT = 12  # 报告里半角标点两边各显示几个字


def prose_text(html: str) -> str:
    """一页正文里的中文散文：去掉代码、公式、脚本等之后的文字（块与块之间换行）。"""
    soup = BeautifulSoup(html, "html.parser")
    article = soup.find("article")
    if article is None:
        return ""
    for tag in article.find_all(NOT_PROSE):
        tag.decompose()
    for tag in article.find_all(class_=NOT_PROSE_CLASSES):
        tag.decompose()
    text = article.get_text("")
    return TEX.sub(" ", text)


def offences(text: str) -> list[str]:
    """每一处半角标点紧挨汉字的地方，带前后文（换行显示成 ⏎）。"""
    out = []
    for m in OFFENCE.finditer(text):
        a, b = max(0, m.start() - CONTEXT), min(len(text), m.end() + CONTEXT)
        snippet = (text[a:m.start()] + "【" + m.group(0) + "】" + text[m.end():b]).replace("\n", "⏎")
        out.append(snippet)
    return out


def test_offences_are_found_and_shown_in_context():
    text = "sigmoid函数: 值域(0,1)。我们用 f(x) 算, 然后 a, b 和 c。\n真的吗?对!"
    got = offences(text)
    # 「函数:」「域(」「算,」「吗?」「对!」；「(0,1)」里的逗号、「f(x)」、「a, b」不挨着汉字，不算
    assert [g[g.index("【") + 1] for g in got] == [":", "(", ",", "?", "!"]
    assert got[0] == "sigmoid函数【:】 值域(0,1)。我们用"
    assert got[3] == ", b 和 c。⏎真的吗【?】对!"


def test_code_math_and_tooltips_are_not_prose():
    html = ("<html><body><nav>中文,</nav><article><p>用 <code>f(x)</code> 和 <span class='arithmatex'>\\(a,b\\)</span>"
            "以及 $x,中$ 算</p><pre>注释:</pre><span class='gl-tip'>释义(英文)</span><p>好的,</p></article></body></html>")
    text = prose_text(html)
    assert "f(x)" not in text and "注释" not in text and "释义" not in text and "中文" not in text
    assert [g[g.index("【") + 1] for g in offences(text)] == [","]


def test_no_half_width_punctuation_next_to_chinese(built_site):
    report = []
    total = 0
    for page in html_pages(built_site):
        found = offences(prose_text(page.read_text(encoding="utf-8")))
        if found:
            total += len(found)
            report.append(f"{page_path(built_site, page)}（{len(found)} 处）")
            report.extend(f"    「{s}」" for s in found)
    assert not report, (f"正文里有 {total} 处半角标点紧挨着汉字（应换成全角 ，：；（）！？，见 STYLE.md）：\n"
                        + "\n".join(report))
