"""练习题的格式（COMMON.md「Exercises」、STYLE.md「练习」）：每道题的答案都有依据。

* 选择题 ``<div class="quiz" data-kind="choice" data-answer="B" markdown>``：``data-answer`` 恰是
  一个字母，而且是题里某个选项（「- B. ……」）的字母；选项字母不重复；后面紧跟着
  ``??? success "答案"`` 折叠，里面提到这个字母。
* 填数题 ``<div class="quiz" data-kind="number" data-answer="0.1966" data-tol="0.00005" markdown></div>``：
  后面紧跟的答案折叠里有 ``pycon`` 例子，最后一个例子的最后一行输出（一个数）与 ``data-answer``
  相差不超过 ``data-tol``——数字来自一次计算，不是手打的。这些 ``pycon`` 例子本身由
  ``docs/conftest.py`` 在测试时执行，所以输出也是真的。

先用几段构造的 Markdown 证明检查会报错，再检查 docs/ 下的每一个页面。
"""

from __future__ import annotations

import re
import textwrap
from pathlib import Path

import pytest
from sitetools import REPO_ROOT

DOCS = REPO_ROOT / "docs"
QUIZ = re.compile(r'^<div class="quiz"(?P<attrs>[^>]*)>(?P<inline></div>)?\s*$', re.M)
ATTR = re.compile(r'([\w-]+)="([^"]*)"')
FOLD = re.compile(r'^\?\?\?\+? success "答案"\s*$')
OPTION = re.compile(r"^\s*[-*]\s+([A-Z])[.．、]\s*\S")
PYCON = re.compile(r"^```pycon\s*\n(.*?)^```\s*$", re.M | re.S)


def _fold_after(lines: list[str], start: int) -> tuple[int, str] | None:
    """``start`` 行之后（跳过空行）紧接着的答案折叠：返回 (行号, 去掉缩进的内容)。"""
    i = start
    while i < len(lines) and not lines[i].strip():
        i += 1
    if i >= len(lines) or not FOLD.match(lines[i]):
        return None
    body = []
    j = i + 1
    while j < len(lines) and (not lines[j].strip() or lines[j].startswith("    ")):
        body.append(lines[j])
        j += 1
    return i + 1, textwrap.dedent("\n".join(body))


def last_pycon_output(fold: str) -> str | None:
    """折叠里最后一个 pycon 例子的最后一行输出（不是 ``>>>``/``...`` 开头的行）。"""
    blocks = PYCON.findall(fold)
    if not blocks:
        return None
    outputs = [line for line in blocks[-1].splitlines()
               if line.strip() and not line.startswith((">>>", "..."))]
    return outputs[-1].strip() if outputs else None


def check_quizzes(markdown: str, name: str = "page.md") -> tuple[int, list[str]]:
    """检查一页 Markdown 里的全部练习题；返回 (题数, 问题列表)。"""
    lines = markdown.splitlines()
    problems: list[str] = []
    count = 0
    for m in QUIZ.finditer(markdown):
        count += 1
        line_no = markdown.count("\n", 0, m.start()) + 1
        where = f"{name}:{line_no}"
        attrs = dict(ATTR.findall(m.group("attrs")))
        kind, answer = attrs.get("data-kind"), attrs.get("data-answer", "")
        if "markdown" not in m.group("attrs").split():
            problems.append(f"{where}：<div class=\"quiz\"> 要带 markdown 属性（里面的列表才会被渲染）")
        if m.group("inline"):
            end = line_no  # 填数题：<div …></div> 在同一行
        else:
            close = next((k for k in range(line_no, len(lines)) if lines[k].strip() == "</div>"), None)
            if close is None:
                problems.append(f"{where}：练习题的 <div> 没有单独一行的 </div>")
                continue
            end = close + 1
        fold = _fold_after(lines, end)
        if kind == "choice":
            letters = [o.group(1) for o in map(OPTION.match, lines[line_no:end - 1]) if o]
            if len(letters) < 2:
                problems.append(f"{where}：选择题至少要有两个「- A. ……」这样的选项，找到 {letters}")
            if len(set(letters)) != len(letters):
                problems.append(f"{where}：选项字母重复：{letters}")
            if not re.fullmatch(r"[A-Z]", answer):
                problems.append(f"{where}：data-answer 应恰是一个大写字母，实际是 {answer!r}")
            elif answer not in letters:
                problems.append(f"{where}：data-answer=\"{answer}\" 不是任何一个选项（选项：{letters}）")
            if fold is None:
                problems.append(f"{where}：选择题后面应紧跟 ??? success \"答案\" 折叠")
            elif re.fullmatch(r"[A-Z]", answer) and not re.search(rf"(?<![A-Za-z]){answer}(?![A-Za-z])", fold[1]):
                problems.append(f"{name}:{fold[0]}：答案折叠里没有提到正确选项 {answer}")
        elif kind == "number":
            try:
                value = float(answer)
                tol = float(attrs.get("data-tol", "0"))
            except ValueError:
                problems.append(f"{where}：data-answer/data-tol 应是数，实际是 {answer!r}/{attrs.get('data-tol')!r}")
                continue
            if tol < 0:
                problems.append(f"{where}：data-tol 不能是负数：{tol}")
            if fold is None:
                problems.append(f"{where}：填数题后面应紧跟 ??? success \"答案\" 折叠")
                continue
            out = last_pycon_output(fold[1])
            if out is None:
                problems.append(f"{name}:{fold[0]}：答案折叠里没有 pycon 例子（填数题的答案要由计算得出）")
                continue
            try:
                computed = float(out)
            except ValueError:
                problems.append(f"{name}:{fold[0]}：最后一个 pycon 例子的最后一行输出 {out!r} 不是一个数")
                continue
            if abs(computed - value) > tol + 1e-12 * max(1.0, abs(value)):
                problems.append(f"{where}：data-answer={answer} 与答案里算出的 {out} 相差超过 data-tol={tol}")
        else:
            problems.append(f"{where}：data-kind 应为 choice 或 number，实际是 {kind!r}")
    return count, problems


GOOD = '''\
**练习 1**（选择）哪一个是对的？

<div class="quiz" data-kind="choice" data-answer="B" markdown>

- A. 甲
- B. 乙
- C. 丙

</div>

??? success "答案"
    **B**。A 错在……C 错在……

**练习 2**（计算）结果保留 4 位小数。

<div class="quiz" data-kind="number" data-answer="0.1966" data-tol="0.00005" markdown></div>

??? success "答案"
    推导……

    ```pycon
    >>> 1 + 1
    2
    ```

    ```pycon
    >>> round(0.19661193, 4)
    0.1966
    ```
'''


def test_well_formed_quizzes_pass():
    assert check_quizzes(GOOD) == (2, [])


@pytest.mark.parametrize(("old", "new", "message"), [
    ('data-answer="B"', 'data-answer="D"', "不是任何一个选项"),
    ('data-answer="B"', 'data-answer="BC"', "恰是一个大写字母"),
    ("- C. 丙", "- B. 丙", "选项字母重复"),
    ("**B**。A 错在……C 错在……", "A 错在……C 错在……", "没有提到正确选项"),
    ('data-answer="0.1966"', 'data-answer="0.1967"', "相差超过"),
    ('data-tol="0.00005"', 'data-tol="-1"', "负数"),
    ("    0.1966\n", "    'x'\n", "不是一个数"),
    ('data-kind="choice"', 'data-kind="multi"', "choice 或 number"),
    ('data-kind="choice" data-answer="B" markdown>', 'data-kind="choice" data-answer="B">', "markdown 属性"),
    ('??? success "答案"\n    推导', '!!! note "提示"\n    推导', "紧跟"),
])
def test_malformed_quizzes_are_reported(old, new, message):
    assert old in GOOD
    count, problems = check_quizzes(GOOD.replace(old, new, 1))
    assert count == 2
    assert any(message in p for p in problems), problems


def test_number_quiz_needs_a_pycon_computation():
    text = GOOD.split("**练习 2**")[1].split("推导……")[0] + "    就是 0.1966。\n"
    assert any("没有 pycon" in p for p in check_quizzes("**练习 2**" + text)[1])


def _pages() -> list[Path]:
    return sorted(DOCS.rglob("*.md"))


def test_every_quiz_on_the_site_has_a_checked_answer():
    report, total = [], 0
    for page in _pages():
        count, problems = check_quizzes(page.read_text(encoding="utf-8"), page.relative_to(REPO_ROOT).as_posix())
        total += count
        report += problems
    assert not report, f"{total} 道练习题里有这些问题：\n" + "\n".join(report)
