"""页面展示的核心函数（``dlnotes/core``）守住的规矩，以及它们与公开函数的关系。

- 每个片段标记（``# --8<-- [start:名字]``）都被某个页面引用，页面引用的片段都存在；
- 核心函数短（≤ 20 行）、至多一行中文文档字符串、不做输入检查、不调用 ``_`` 开头的私有函数；
- 没有模块导入别的模块的私有名字；``dlnotes`` 不知道网站的存在；
- 核心函数与公开函数对同样的输入给出逐位相同的结果（公开函数只是多了检查）。
"""

from __future__ import annotations

import ast
import math
import re
from pathlib import Path

import numpy as np
import pytest

from dlnotes import deep, graph, logistic, shallow
from dlnotes.core import deep as core_deep
from dlnotes.core import graph as core_graph
from dlnotes.core import logistic as core_logistic
from dlnotes.core import shallow as core_shallow

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "dlnotes"
CORE = PACKAGE / "core"
PAGES = sorted((ROOT / "docs").rglob("*.md"))
START = re.compile(r"^[ \t]*# --8<-- \[start:([^\]]+)\]", re.M)
INCLUDE = re.compile(r'--8<-- "([^":]+):([^"]+)"')


def _markers() -> set[tuple[str, str]]:
    found = set()
    for path in PACKAGE.rglob("*.py"):
        for name in START.findall(path.read_text(encoding="utf-8")):
            found.add((path.relative_to(ROOT).as_posix(), name))
    return found


def _includes() -> dict[tuple[str, str], list[str]]:
    used: dict[tuple[str, str], list[str]] = {}
    for page in PAGES:
        for file, section in INCLUDE.findall(page.read_text(encoding="utf-8")):
            used.setdefault((file, section), []).append(page.relative_to(ROOT).as_posix())
    return used


def test_every_snippet_marker_is_used_by_a_page():
    unused = sorted(_markers() - set(_includes()))
    assert not unused, f"这些片段标记没有页面引用，删掉标记或在页面里引用它：{unused}"


def test_every_included_section_exists_and_comes_from_core():
    markers = _markers()
    for (file, section), pages in _includes().items():
        assert (file, section) in markers, f"{pages} 引用了不存在的片段 {file}:{section}"
        assert file.startswith("dlnotes/core/"), (
            f"{pages} 引用了 {file}:{section}；页面只展示 dlnotes/core 里的核心函数（公开函数在 API 参考页）"
        )


def _core_functions():
    for path in sorted(CORE.glob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.FunctionDef) and not node.name.startswith("_"):
                yield path.name, node


@pytest.mark.parametrize("module, node", list(_core_functions()), ids=lambda x: getattr(x, "name", x))
def test_core_function_is_short_and_plain(module, node):
    length = node.end_lineno - node.lineno + 1
    assert length <= 20, f"{module}:{node.name} 有 {length} 行，核心函数应 ≤ 20 行"
    doc = ast.get_docstring(node)
    if doc is not None:
        assert "\n" not in doc.strip(), f"{module}:{node.name} 的文档字符串应只有一行"
        assert re.search(r"[\u4e00-\u9fff]", doc), f"{module}:{node.name} 的文档字符串应是中文"
    for call in ast.walk(node):
        if isinstance(call, ast.Call):
            name = ast.unparse(call.func)
            # v._backward() 是页面上 Value 自己的反向闭包，不是藏起来的帮手
            hidden = name.split(".")[-1].startswith("_") and not name.endswith("._backward")
            assert not hidden, f"{module}:{node.name} 调用了私有函数 {name}"
            assert not name.split(".")[-1].startswith("check_"), f"{module}:{node.name} 做了输入检查 {name}"
        assert not isinstance(call, ast.Raise), f"{module}:{node.name} 不应抛出异常（检查在公开函数里做）"


def test_no_module_imports_private_names_and_no_site_code():
    for path in PACKAGE.rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        for node in ast.walk(ast.parse(text)):
            if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("dlnotes"):
                if node.module == "dlnotes._checks":
                    continue  # 共用的检查模块本身就是给各模块用的
                private = [a.name for a in node.names if a.name.startswith("_")]
                assert not private, f"{path.relative_to(ROOT)} 导入了 {node.module} 的私有名字 {private}"
        assert "mkdocs" not in text.lower() and "docs/" not in text, f"{path.relative_to(ROOT)} 提到了网站代码"


# ---------------------------------------------------------------------------
# 核心函数与公开函数：同样的输入，逐位相同
# ---------------------------------------------------------------------------


def _flower_like(m=60, seed=0):
    rng = np.random.default_rng(seed)
    X = rng.standard_normal((2, m))
    Y = (X[0] * X[1] > 0).astype(float)[None, :]
    return X, Y


def test_shallow_public_equals_core():
    X, Y = _flower_like()
    params, costs = shallow.nn_model(X, Y, n_h=3, learning_rate=0.5, num_iterations=50, record_every=10, seed=4)
    start = core_shallow.initialize_parameters(2, 3, 1, 4, 0.01)
    ref_params, ref_costs = core_shallow.train(X, Y, start, 50, 0.5, 10)
    assert costs == ref_costs
    for k in params:
        np.testing.assert_array_equal(params[k], ref_params[k])


def test_deep_public_equals_core_for_every_init():
    X, Y = _flower_like()
    for init in ("he", "xavier", "random", "zeros"):
        params, costs = deep.L_layer_model(X, Y, [2, 4, 3, 1], learning_rate=0.1, num_iterations=20,
                                           record_every=5, seed=2, init=init, hidden_activation="tanh")
        start = core_deep.initialize_parameters_deep([2, 4, 3, 1], 2, init)
        ref_params, ref_costs = core_deep.train(X, Y, start, 20, 0.1, "tanh", 5)
        assert costs == ref_costs
        for k in params:
            np.testing.assert_array_equal(params[k], ref_params[k])


def test_logistic_public_equals_core():
    X, Y = _flower_like()
    params, costs = logistic.model(X, Y, learning_rate=0.1, num_iterations=30, record_every=10)
    w, b = core_logistic.initialize_with_zeros(2)
    ref, _, ref_costs = core_logistic.optimize(w, b, X, Y, 30, 0.1, 10)
    assert costs == ref_costs
    np.testing.assert_array_equal(params["w"], ref["w"])
    assert params["b"] == ref["b"]
    np.testing.assert_array_equal(logistic.predict(params, X), core_logistic.predict(ref, X))


@pytest.mark.parametrize(
    "fit",
    [
        lambda X, Y, **k: logistic.model(X, Y, **k),
        lambda X, Y, **k: shallow.nn_model(X, Y, 3, **k),
        lambda X, Y, **k: deep.L_layer_model(X, Y, [2, 3, 1], **k),
    ],
    ids=["logistic.model", "shallow.nn_model", "deep.L_layer_model"],
)
def test_three_models_share_one_shape(fit, capsys):
    X, Y = _flower_like(20)
    params, costs = fit(X, Y, num_iterations=0)  # 0 次迭代：初始参数，空的代价列表
    assert isinstance(params, dict) and costs == []
    params, costs = fit(X, Y, learning_rate=0.1, num_iterations=5, record_every=2, seed=1, print_cost=True)
    assert len(costs) == 3 and all(math.isfinite(c) for c in costs)
    printed = capsys.readouterr().out.splitlines()
    assert printed == [f"第 {i} 次迭代的代价：{c:.6f}" for i, c in zip((0, 2, 4), costs)]
    with pytest.raises(TypeError):
        fit(X, Y, 0.1)  # 超参数只能按名字传
    with pytest.raises(ValueError, match="init 应为"):
        fit(X, Y, init="nope")
    with pytest.raises(TypeError, match="print_cost 应为 bool"):
        fit(X, Y, print_cost=1)


def test_core_graph_agrees_with_public_graph():
    a, b, c, u, v, J = core_graph.example_graph(5.0, 3.0, 2.0)
    J.backward()
    g = graph.example_graph(5.0, 3.0, 2.0)
    g.J.backward()
    assert (a.grad, b.grad, c.grad, u.grad, v.grad) == (g.a.grad, g.b.grad, g.c.grad, g.u.grad, g.v.grad)
    assert J.data == g.J.data == 33.0
    # 同一个节点用两次：梯度沿两条路径累加（x·x + 3x 在 x = 2 处导数 7）
    x = core_graph.Value(2.0)
    y = x * x + 3 * x
    y.backward()
    assert (y.data, x.grad) == (10.0, 7.0)


def test_hypothesis_profile_follows_the_environment():
    # CI（或 .ci/run）里性质测试去随机化，每次运行同样的例子；本地开发时随机
    import hyp
    from hypothesis import settings

    assert settings.default.derandomize == (hyp.PROFILE == "ci")
    assert hyp.examples(4) == (4 * hyp.THOROUGH_FACTOR if hyp.PROFILE == "thorough" else 4)
