"""dlnotes.graph 的测试：标量计算图的前向值、反向梯度、图结构与输入检查。

梯度的对照（oracle）都与实现无关：用纯 ``math`` 写成的函数做中心差分，或手推的闭式解。
"""

from __future__ import annotations

import math

import numpy as np
import pytest
from hyp import examples
from hypothesis import given, settings
from hypothesis import strategies as st

from dlnotes.graph import ExampleGraph, Value, example_graph, trace


def rel_error(a: float, b: float) -> float:
    """课程里梯度检验用的相对误差 |a − b| / (|a| + |b|)；两者都是 0 时记为 0。"""
    denom = abs(a) + abs(b)
    return 0.0 if denom == 0 else abs(a - b) / denom


def central_diff(f, xs: list[float], i: int) -> float:
    """对纯 Python 函数 f(*xs) 的第 i 个自变量做中心差分。"""
    h = 1e-5 * max(1.0, abs(xs[i]))
    plus, minus = list(xs), list(xs)
    plus[i] += h
    minus[i] -= h
    return (f(*plus) - f(*minus)) / (2 * h)


def _sig(z: float) -> float:
    return 1.0 / (1.0 + math.exp(-z))


# (名字, 用 Value 建图的函数, 用 math 写的同一函数, 每个自变量的取值区间)
# 区间避开不可导点（ReLU 的 0）和定义域边界（log、开方、除以 0）。
POS = (0.2, 3.0)
ANY = (-3.0, 3.0)
AWAY0 = (0.5, 3.0)  # 配合随机符号使用，见 _sample
OPS = [
    ("add", lambda x, y: x + y, lambda x, y: x + y, [ANY, ANY]),
    ("sub", lambda x, y: x - y, lambda x, y: x - y, [ANY, ANY]),
    ("mul", lambda x, y: x * y, lambda x, y: x * y, [ANY, ANY]),
    ("div", lambda x, y: x / y, lambda x, y: x / y, [ANY, AWAY0]),
    ("radd", lambda x: 2.5 + x, lambda x: 2.5 + x, [ANY]),
    ("rsub", lambda x: 2.5 - x, lambda x: 2.5 - x, [ANY]),
    ("rmul", lambda x: 2.5 * x, lambda x: 2.5 * x, [ANY]),
    ("rdiv", lambda x: 2.5 / x, lambda x: 2.5 / x, [AWAY0]),
    ("neg", lambda x: -x, lambda x: -x, [ANY]),
    ("pow3", lambda x: x**3, lambda x: x**3, [ANY]),
    ("pow-2", lambda x: x**-2, lambda x: x**-2, [AWAY0]),
    ("sqrt", lambda x: x**0.5, lambda x: math.sqrt(x), [POS]),
    ("pow1.5", lambda x: x**1.5, lambda x: x * math.sqrt(x), [POS]),
    ("pow0", lambda x: x**0, lambda x: 1.0, [ANY]),
    ("exp", lambda x: x.exp(), math.exp, [ANY]),
    ("log", lambda x: x.log(), math.log, [POS]),
    ("sigmoid", lambda x: x.sigmoid(), _sig, [(-6.0, 6.0)]),
    ("relu", lambda x: x.relu(), lambda x: max(0.0, x), [AWAY0]),
    ("tanh", lambda x: x.tanh(), math.tanh, [ANY]),
    # 组合：同一个输入在多条路径上出现
    (
        "composite",
        lambda x, y: (x * y + x.exp()) / (1 + y * y) - (x - y).tanh() * x.sigmoid(),
        lambda x, y: (x * y + math.exp(x)) / (1 + y * y) - math.tanh(x - y) * _sig(x),
        [ANY, ANY],
    ),
]


def _sample(rng: np.random.Generator, lo: float, hi: float, signed: bool) -> float:
    x = float(rng.uniform(lo, hi))
    return -x if signed and rng.random() < 0.5 else x


@pytest.mark.parametrize("name, build, ref, domains", OPS, ids=[o[0] for o in OPS])
def test_every_op_matches_math_and_central_differences(name, build, ref, domains):
    rng = np.random.default_rng(sum(map(ord, name)))
    for _ in range(30):
        # AWAY0 区间随机取正负号（除数、负次幂、ReLU 两侧都要测到）
        xs = [_sample(rng, lo, hi, signed=(lo, hi) == AWAY0) for lo, hi in domains]
        leaves = [Value(x, f"x{i}") for i, x in enumerate(xs)]
        out = build(*leaves)
        assert math.isclose(out.data, ref(*xs), rel_tol=1e-12, abs_tol=1e-12)
        out.backward()
        for i, leaf in enumerate(leaves):
            numeric = central_diff(ref, xs, i)
            assert rel_error(leaf.grad, numeric) < 1e-7, (name, xs, i, leaf.grad, numeric)


def test_op_names():
    x, y = Value(2.0, "x"), Value(3.0, "y")
    ops = {
        "+": x + y,
        "−": x - y,
        "×": x * y,
        "÷": x / y,
        "neg": -x,
        "**2": x**2,
        "**0.5": x**0.5,
        "exp": x.exp(),
        "log": x.log(),
        "sigmoid": x.sigmoid(),
        "relu": x.relu(),
        "tanh": x.tanh(),
    }
    for op, node in ops.items():
        assert node.op == op
        assert node.label == ""
    assert x.op == "" and x.parents == ()


# ---- 笔记的例子 J = 3(a + bc) ---------------------------------------------------


def test_example_graph_defaults():
    g = example_graph()
    assert isinstance(g, ExampleGraph)
    assert [n.label for n in g] == ["a", "b", "c", "u", "v", "J"]
    assert (g.u.data, g.v.data, g.J.data) == (6.0, 11.0, 33.0)
    g.J.backward()
    grads = {k: getattr(g, k).grad for k in "abcuvJ"}
    assert grads == {"a": 3.0, "b": 6.0, "c": 9.0, "u": 3.0, "v": 3.0, "J": 1.0}


finite = st.floats(min_value=-1e3, max_value=1e3, allow_nan=False, allow_infinity=False)


@settings(max_examples=examples(60), deadline=None)
@given(finite, finite, finite)
def test_example_graph_closed_form(a, b, c):
    # J = 3(a + bc)：∂J/∂a = 3，∂J/∂b = 3c，∂J/∂c = 3b，∂J/∂u = ∂J/∂v = 3
    g = example_graph(a, b, c)
    assert math.isclose(g.J.data, 3 * (a + b * c), rel_tol=1e-12, abs_tol=1e-9)
    g.J.backward()
    assert (g.a.grad, g.u.grad, g.v.grad) == (3.0, 3.0, 3.0)
    assert math.isclose(g.b.grad, 3 * c, rel_tol=1e-15, abs_tol=0)
    assert math.isclose(g.c.grad, 3 * b, rel_tol=1e-15, abs_tol=0)


def test_example_graph_structure():
    g = example_graph()
    nodes = g.J.nodes()
    edges = g.J.edges()
    # 6 个具名节点 + 常数 3；边：b→u, c→u, a→v, u→v, v→J, 3→J
    assert len(nodes) == 7 and len(edges) == 6
    assert sum(n.is_constant for n in nodes) == 1
    assert len(g.J.nodes(include_constants=False)) == 6
    assert len(g.J.edges(include_constants=False)) == 5
    named_edges = {(p.label, c.label) for p, c in g.J.edges(include_constants=False)}
    assert named_edges == {("b", "u"), ("c", "u"), ("a", "v"), ("u", "v"), ("v", "J")}
    assert trace(g.J) == (nodes, edges)


def _assert_topological(nodes: list[Value], root: Value) -> None:
    assert nodes[-1] is root
    assert len({id(n) for n in nodes}) == len(nodes)  # 每个节点只出现一次
    position = {id(n): i for i, n in enumerate(nodes)}
    for n in nodes:
        for p in n.parents:
            assert position[id(p)] < position[id(n)]


def _reachable(v: Value, seen: set[int] | None = None) -> set[int]:
    seen = set() if seen is None else seen
    if id(v) not in seen:
        seen.add(id(v))
        for p in v.parents:
            _reachable(p, seen)
    return seen


def test_topological_order_on_random_dags():
    rng = np.random.default_rng(0)
    for _ in range(20):
        pool = [Value(float(rng.normal()), f"x{i}") for i in range(4)]
        for _ in range(30):
            i, j = rng.integers(len(pool), size=2)
            op = rng.integers(3)
            new = pool[i] + pool[j] if op == 0 else pool[i] * pool[j] if op == 1 else pool[i].tanh()
            pool.append(new)
        root = pool[-1]
        nodes = root.nodes()
        _assert_topological(nodes, root)
        # 节点集合恰好是从 root 可达的节点：与一个简单的递归遍历对照
        assert {id(n) for n in nodes} == _reachable(root)
        for p, c in root.edges():
            assert p in c.parents


# ---- 梯度累加与重复调用 ----------------------------------------------------------


@settings(max_examples=examples(50), deadline=None)
@given(st.floats(min_value=-100, max_value=100, allow_nan=False))
def test_reused_node_accumulates(a):
    x = Value(a, "a")
    sq = x * x
    sq.backward()
    assert x.grad == pytest.approx(2 * a, rel=1e-15, abs=0)
    assert sq.parents == (x, x)
    assert len(sq.edges()) == 1  # 同一对节点只列一条边

    y = Value(a, "a")
    cube = y * y * y + y  # d/dy = 3y² + 1
    cube.backward()
    assert y.grad == pytest.approx(3 * a * a + 1, rel=1e-12)


def test_diamond_graph():
    # x → p = 2x, q = x²; f = p·q = 2x³  ⇒ df/dx = 6x²
    x = Value(1.5, "x")
    f = (2 * x) * (x**2)
    f.backward()
    assert x.grad == pytest.approx(6 * 1.5**2, rel=1e-15)


def test_backward_twice_does_not_double_count():
    g = example_graph()
    g.J.backward()
    first = [n.grad for n in g]
    g.J.backward()
    assert [n.grad for n in g] == first
    # 对另一个根反向时，共享节点的 grad 被覆盖而不是累加
    g.u.backward()
    assert (g.b.grad, g.c.grad, g.u.grad) == (2.0, 3.0, 1.0)


def test_deep_graph_no_recursion_limit():
    x = Value(1.0, "x")
    s = x
    for _ in range(5000):
        s = s + x
    s.backward()
    assert x.grad == 5001.0
    assert len(s.nodes()) == 5001  # x 与 5000 个加法节点


EPS = 2.0**-52  # float64 的机器精度


# ---- 逻辑回归：单个样本 ----------------------------------------------------------


@settings(max_examples=examples(80), deadline=None)
@given(
    st.lists(st.floats(min_value=-3, max_value=3, allow_nan=False), min_size=5, max_size=5),
    st.sampled_from([0.0, 1.0]),
)
def test_logistic_regression_single_example(params, y):
    w1, w2, b, x1, x2 = params
    W1, W2, B = Value(w1, "w1"), Value(w2, "w2"), Value(b, "b")
    X1, X2 = Value(x1, "x1"), Value(x2, "x2")
    z = (W1 * X1 + W2 * X2 + B).named("z")
    a = z.sigmoid().named("a")
    L = (-(y * a.log() + (1 - y) * (1 - a).log())).named("L")
    L.backward()

    # 独立的闭式解：a = σ(z)，L = −[y log a + (1−y) log(1−a)]，dz = a − y，dw_i = x_i dz，db = dz
    z_ref = w1 * x1 + w2 * x2 + b
    a_ref = 1.0 / (1.0 + math.exp(-z_ref))
    L_ref = -(y * math.log(a_ref) + (1 - y) * math.log(1 - a_ref))
    dz = a_ref - y
    # 图里的节点 1 − a 在 a 接近 1 时相消：它的相对误差可达 ε / (1 − a)（a 接近 0 时 log a 同理），
    # 经过 log 的导数 1/(1 − a) 原样传到 dz 上。σ' 本身是精确的（不相消的写法），所以界就是这一项。
    # （thorough 配置找到过 z = 17.25：误差 2e-9，超过了原来写死的 1e-9。）
    tol = 1e-9 + 4 * EPS / min(a_ref, 1 - a_ref)
    assert math.isclose(a.data, a_ref, rel_tol=1e-12)
    assert math.isclose(L.data, L_ref, rel_tol=1e-9, abs_tol=1e-12)
    for got, want in [(z.grad, dz), (W1.grad, x1 * dz), (W2.grad, x2 * dz), (B.grad, dz)]:
        assert math.isclose(got, want, rel_tol=tol, abs_tol=1e-12)
    # x 也是节点，它们的梯度 dx_i = w_i dz
    assert math.isclose(X1.grad, w1 * dz, rel_tol=tol, abs_tol=1e-12)


# ---- 数值稳定性 ------------------------------------------------------------------


@given(st.floats(min_value=-1e6, max_value=1e6, allow_nan=False))
def test_sigmoid_tanh_stable_everywhere(z):
    # filterwarnings = error：任何溢出警告都会让测试失败
    for f, lo, hi, gmax in [(Value.sigmoid, 0.0, 1.0, 0.25), (Value.tanh, -1.0, 1.0, 1.0)]:
        x = Value(z)
        out = f(x)
        assert lo <= out.data <= hi
        out.backward()
        # 数学上 σ' ≤ 1/4、tanh' ≤ 1；浮点舍入可以多出 1 个 ulp（z 接近 0 时 e/(1+e)² 舍入成 0.25 + 2⁻⁵⁴）
        assert 0.0 <= x.grad <= math.nextafter(gmax, math.inf)


def test_sigmoid_extremes():
    assert Value(-1000.0).sigmoid().data == 0.0
    assert Value(1000.0).sigmoid().data == 1.0
    assert Value(0.0).sigmoid().data == 0.5


def test_relu_at_zero_has_zero_grad():
    x = Value(0.0)
    r = x.relu()
    r.backward()
    assert (r.data, x.grad) == (0.0, 0.0)


# ---- 输入检查 --------------------------------------------------------------------


@pytest.mark.parametrize(
    "bad, exc",
    [
        ("1.0", TypeError),
        (None, TypeError),
        (1 + 2j, TypeError),
        (True, TypeError),
        ([1.0], TypeError),
        (np.array([1.0, 2.0]), ValueError),
        (float("nan"), ValueError),
        (float("inf"), ValueError),
        (-float("inf"), ValueError),
    ],
)
def test_bad_data(bad, exc):
    with pytest.raises(exc):
        Value(bad, "a")
    with pytest.raises(exc):
        Value(1.0) + bad
    with pytest.raises(exc):
        bad * Value(1.0) if not isinstance(bad, np.ndarray) else Value(1.0) * bad
    with pytest.raises(exc):
        example_graph(b=bad)


def test_error_messages_name_the_input():
    with pytest.raises(TypeError, match="a 应为实数"):
        Value("x", "a")
    with pytest.raises(ValueError, match="有限"):
        example_graph(c=float("nan"))
    with pytest.raises(TypeError, match="label"):
        Value(1.0, label=3)


def test_numpy_scalars_accepted_and_on_the_left():
    x = Value(np.float32(1.5), "x")
    assert type(x.data) is float and x.data == 1.5
    y = np.float64(2.0) * x + np.int64(1)
    assert isinstance(y, Value)
    y.backward()
    assert x.grad == 2.0


@pytest.mark.parametrize("x", [0.0, -1.0, -1e-300])
def test_log_domain_error(x):
    with pytest.raises(ValueError, match=r"log 的定义域是 x > 0"):
        Value(x, "p").log()


def test_other_domain_errors():
    with pytest.raises(ZeroDivisionError, match="除数"):
        Value(1.0) / 0
    with pytest.raises(ZeroDivisionError):
        1.0 / Value(0.0)
    with pytest.raises(ValueError, match="非整数次幂"):
        Value(-2.0) ** 0.5
    with pytest.raises(ZeroDivisionError):
        Value(0.0) ** -1
    with pytest.raises(ValueError, match="导数"):
        Value(0.0) ** 0.5
    with pytest.raises(TypeError, match="指数只能是常数"):
        Value(2.0) ** Value(2.0)
    with pytest.raises(TypeError):
        Value(2.0) ** "2"
    with pytest.raises(OverflowError, match="exp"):
        Value(1000.0).exp()
    with pytest.raises(OverflowError):
        Value(1e200) * 1e200
    with pytest.raises(OverflowError):
        Value(1e200) ** 3
    with pytest.raises(TypeError, match="root"):
        trace(3.0)


def test_integer_powers_of_negative_and_zero():
    for base, k, grad in [(-2.0, 3, 12.0), (-2.0, -1, -0.25), (0.0, 2, 0.0), (0.0, 1, 1.0), (0.0, 0, 0.0)]:
        x = Value(base)
        y = x**k
        y.backward()
        assert y.data == base**k
        assert x.grad == grad


def test_inputs_not_modified_and_results_are_new_nodes():
    a = Value(2.0, "a")
    b = a + 0
    assert b is not a and a.data == 2.0 and a.label == "a"
