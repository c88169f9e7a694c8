"""一个极小的反向模式计算图：每个节点是一个**标量**（micrograd 风格）。

笔记里用计算图解释"反向传播就是链式法则"：

```text
a ──────────────┐
                (+) → v = a + u ─→ (×3) → J = 3v
b ─┐            │
   (×) → u = bc ┘
c ─┘
```

- 前向：每个运算（``+``、``×``、``sigmoid`` ……）都新建一个输出节点 ``Value``，记下它的父节点
  （输入）和一个"反向闭包" ``_backward``——这个闭包知道本运算的局部导数，
  负责把 $\\partial J/\\partial \\text{out}$ 乘上局部导数后**累加**到每个输入的 ``grad`` 上。
- 反向：``J.backward()`` 先把图按拓扑顺序排好，令 $\\partial J/\\partial J = 1$，
  再按**逆**拓扑顺序依次调用各节点的 ``_backward``（输出先于输入），链式法则就一步步传回叶子。

记号对照：``x.data`` 是节点的值；``x.grad`` 是 $\\partial J/\\partial x$
（笔记里写作 ``dx``，如 ``da``、``dv``）；``J`` 是调用 ``backward()`` 的那个根节点。

图的结构可以用 ``J.nodes()``（拓扑顺序的节点列表）、``J.edges()``（``(父, 子)`` 对）或
``trace(J)`` 取出，供画图使用。
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import NamedTuple

from dlnotes._checks import as_scalar
from dlnotes.core.activations import sigmoid_grad

__all__ = ["Value", "trace", "example_graph", "ExampleGraph"]


def _noop() -> None:
    """叶子节点（输入、常数）没有父节点，反向时什么也不做。"""


def _fmt(x: float) -> str:
    return f"{x:g}"


def _check_finite_result(data: float, op: str, inputs: tuple[Value, ...]) -> float:
    if not math.isfinite(data):
        args = ", ".join(_fmt(p.data) for p in inputs)
        raise OverflowError(f"运算 {op} 的结果溢出为 {data}（输入为 {args}），超出了浮点数范围")
    return data


class Value:
    r"""计算图里的一个标量节点。

    Parameters
    ----------
    data : float
        节点的值，必须是有限实数（``int``/``float``/numpy 标量；``bool``、复数、字符串、``None``、
        NaN、inf 都会报错）。
    label : str, 默认 ""
        名字，画图和报错时使用，如 ``"a"``、``"u"``、``"J"``。

    Attributes
    ----------
    data : float
        前向计算得到的值。
    grad : float
        $\partial J / \partial(\text{本节点})$，其中 J 是最近一次调用 ``backward()`` 的根节点；
        新建节点时为 0。
    label : str
        名字。运算的结果默认没有名字，可以赋值 ``u.label = "u"`` 或链式写 ``(b * c).named("u")``。
    op : str
        产生本节点的运算：叶子为 ``""``，其余为 ``"+"``、``"−"``、``"×"``、``"÷"``、``"neg"``、
        ``"**2"``（幂，指数写在后面）、``"exp"``、``"log"``、``"sigmoid"``、``"relu"``、``"tanh"``。
    parents : tuple[Value, ...]
        本节点的输入（按运算数顺序；``a * a`` 的 parents 是 ``(a, a)``）。
    is_constant : bool
        是否为运算中自动包装的 Python 数（如 ``3 * v`` 里的 3）。

    Notes
    -----
    - 与 Python 数混合运算时（``2 * x``、``1 - x``、``1 / x``），数字被包装成常数节点。
    - 图在建立时就算好了前向值；之后修改 ``x.data`` **不会**更新下游节点。
    - 节点按身份（``is``）比较和哈希，可以放进 ``set``/``dict``。

    Examples
    --------
    >>> x = Value(2.0, "x")
    >>> y = (x * x + 3 * x).named("y")      # y = x² + 3x
    >>> y.data
    10.0
    >>> y.backward()                        # dy/dx = 2x + 3
    >>> x.grad
    7.0
    >>> y
    Value(data=10, grad=1, label='y', op='+')
    """

    __slots__ = ("data", "grad", "_label", "op", "_prev", "_backward", "is_constant")

    # 让 numpy 标量在左边时（np.float64(2) * x）也交给本类的 __rmul__ 等处理
    __array_ufunc__ = None

    def __init__(self, data: object, label: str = "") -> None:
        self._label = ""
        self.label = label
        self.data = as_scalar(data, label or "data")
        self.grad = 0.0
        self.op = ""
        self._prev: tuple[Value, ...] = ()
        self._backward: Callable[[], None] = _noop
        self.is_constant = False

    # ---- 构造辅助 ---------------------------------------------------------------
    @classmethod
    def _result(cls, data: float, parents: tuple[Value, ...], op: str) -> Value:
        """新建运算结果节点（不做输入检查，只检查结果是否溢出）。"""
        out = cls.__new__(cls)
        out._label = ""
        out.data = _check_finite_result(float(data), op, parents)
        out.grad = 0.0
        out.op = op
        out._prev = parents
        out._backward = _noop
        out.is_constant = False
        return out

    @classmethod
    def _const(cls, x: object, op: str) -> Value:
        c = cls(as_scalar(x, f"运算 {op} 的另一个操作数"))
        c.label = _fmt(c.data)
        c.is_constant = True
        return c

    @classmethod
    def _coerce(cls, other: object, op: str) -> Value:
        return other if isinstance(other, Value) else cls._const(other, op)

    @property
    def label(self) -> str:
        return self._label

    @label.setter
    def label(self, value: str) -> None:
        if not isinstance(value, str):
            raise TypeError(f"label 应为字符串，实际收到 {type(value).__name__}")
        self._label = value

    @property
    def parents(self) -> tuple[Value, ...]:
        return self._prev

    def named(self, label: str) -> Value:
        """设置 ``label`` 并返回自身，便于链式书写：``u = (b * c).named("u")``。"""
        self.label = label
        return self

    def __repr__(self) -> str:
        return f"Value(data={_fmt(self.data)}, grad={_fmt(self.grad)}, label={self.label!r}, op={self.op!r})"

    # ---- 四则运算 ---------------------------------------------------------------
    def __add__(self, other: Value | float) -> Value:
        other = Value._coerce(other, "+")
        out = Value._result(self.data + other.data, (self, other), "+")

        def _backward() -> None:
            # out = self + other：∂out/∂self = 1，∂out/∂other = 1
            # 用 += 累加：同一个节点被用到多次时，各条路径的梯度相加
            self.grad += out.grad
            other.grad += out.grad

        out._backward = _backward
        return out

    def __radd__(self, other: float) -> Value:  # 3 + x
        return Value._coerce(other, "+") + self

    def __sub__(self, other: Value | float) -> Value:
        other = Value._coerce(other, "−")
        out = Value._result(self.data - other.data, (self, other), "−")

        def _backward() -> None:
            # out = self − other：∂out/∂self = 1，∂out/∂other = −1
            self.grad += out.grad
            other.grad -= out.grad

        out._backward = _backward
        return out

    def __rsub__(self, other: float) -> Value:  # 1 − x
        return Value._coerce(other, "−") - self

    def __mul__(self, other: Value | float) -> Value:
        other = Value._coerce(other, "×")
        out = Value._result(self.data * other.data, (self, other), "×")

        def _backward() -> None:
            # u = b·c：∂u/∂b = c，∂u/∂c = b（笔记里 db = c·du，dc = b·du）
            self.grad += other.data * out.grad
            other.grad += self.data * out.grad

        out._backward = _backward
        return out

    def __rmul__(self, other: float) -> Value:  # 3 * v
        return Value._coerce(other, "×") * self

    def __truediv__(self, other: Value | float) -> Value:
        other = Value._coerce(other, "÷")
        if other.data == 0:
            raise ZeroDivisionError(f"除数 {other.label or 'other'} 为 0：{_fmt(self.data)} ÷ 0 没有定义")
        out = Value._result(self.data / other.data, (self, other), "÷")

        def _backward() -> None:
            # out = p / q：∂out/∂p = 1/q，∂out/∂q = −p/q² = −out/q（后一种写法不会先算 q² 而溢出）
            self.grad += out.grad / other.data
            other.grad -= out.grad * out.data / other.data

        out._backward = _backward
        return out

    def __rtruediv__(self, other: float) -> Value:  # 1 / x
        return Value._coerce(other, "÷") / self

    def __neg__(self) -> Value:
        out = Value._result(-self.data, (self,), "neg")

        def _backward() -> None:
            self.grad -= out.grad

        out._backward = _backward
        return out

    def __pow__(self, k: float) -> Value:
        if isinstance(k, Value):
            raise TypeError("指数只能是常数（int/float），不支持 Value ** Value；需要时写成 (k * x.log()).exp()")
        k = as_scalar(k, "指数")
        x = self.data
        if x < 0 and not k.is_integer():
            raise ValueError(f"负数的非整数次幂不是实数：{_fmt(x)} ** {_fmt(k)}")
        if x == 0 and k < 0:
            raise ZeroDivisionError(f"0 的负数次幂没有定义：0 ** {_fmt(k)}")
        if x == 0 and 0 < k < 1:
            raise ValueError(f"x ** {_fmt(k)} 在 x = 0 处的导数是无穷大，无法反向传播")
        op = f"**{_fmt(k)}"
        try:
            y = x**k
        except OverflowError:
            raise OverflowError(f"运算 {op} 的结果溢出（输入为 {_fmt(x)}），超出了浮点数范围") from None
        out = Value._result(y, (self,), op)

        def _backward() -> None:
            # d(x^k)/dx = k·x^(k−1)；k = 0 时导数恒为 0（避免 0 ** −1）
            if k != 0:
                self.grad += k * x ** (k - 1) * out.grad

        out._backward = _backward
        return out

    # ---- 初等函数与激活函数 -------------------------------------------------------
    def exp(self) -> Value:
        try:
            y = math.exp(self.data)
        except OverflowError:
            raise OverflowError(f"exp({_fmt(self.data)}) 溢出，超出了浮点数范围（要求 x < 709.78）") from None
        out = Value._result(y, (self,), "exp")

        def _backward() -> None:
            # d(e^x)/dx = e^x，正好是输出本身
            self.grad += out.data * out.grad

        out._backward = _backward
        return out

    def log(self) -> Value:
        x = self.data
        if x <= 0:
            name = f" {self.label}" if self.label else ""
            raise ValueError(f"log 的定义域是 x > 0，实际输入{name} = {_fmt(x)}")
        out = Value._result(math.log(x), (self,), "log")

        def _backward() -> None:
            # d(ln x)/dx = 1/x
            self.grad += out.grad / x

        out._backward = _backward
        return out

    def sigmoid(self) -> Value:
        z = self.data
        # 稳定写法：只对 −|z| 取指数，z = ±1000 也不会溢出
        if z >= 0:
            s = 1.0 / (1.0 + math.exp(-z))
        else:
            e = math.exp(z)
            s = e / (1.0 + e)
        out = Value._result(s, (self,), "sigmoid")
        # da/dz = σ(z)(1 − σ(z))，用 activations.sigmoid_grad 的同一个公式（不会相消）：
        # 直接算 s(1 − s) 在 z 很大时 1 − s 相消成 0，而真实导数是 e^(−z) > 0
        ds_dz = float(sigmoid_grad(z))

        def _backward() -> None:
            self.grad += ds_dz * out.grad

        out._backward = _backward
        return out

    def relu(self) -> Value:
        z = self.data
        out = Value._result(z if z > 0 else 0.0, (self,), "relu")

        def _backward() -> None:
            # ReLU'(z) = 1（z > 0），0（z <= 0，约定 z = 0 处取 0）
            if z > 0:
                self.grad += out.grad

        out._backward = _backward
        return out

    def tanh(self) -> Value:
        t = math.tanh(self.data)
        out = Value._result(t, (self,), "tanh")

        def _backward() -> None:
            # d tanh(z)/dz = 1 − tanh²(z)
            self.grad += (1.0 - t * t) * out.grad

        out._backward = _backward
        return out

    # ---- 图的结构与反向传播 -------------------------------------------------------
    def nodes(self, *, include_constants: bool = True) -> list[Value]:
        """从本节点能回溯到的所有节点，按**拓扑顺序**排列（每个节点都排在它的所有父节点之后，
        本节点排在最后）。每个节点只出现一次。

        用显式栈做深度优先搜索（后序），很深的图也不会触发 Python 的递归上限。
        ``include_constants=False`` 时去掉自动包装的常数节点（画图时常把 ``3`` 写进运算框里）。
        """
        order: list[Value] = []
        visited: set[Value] = set()
        stack: list[tuple[Value, bool]] = [(self, False)]
        while stack:
            node, children_done = stack.pop()
            if children_done:  # 父节点都已排好，轮到它自己
                order.append(node)
                continue
            if node in visited:
                continue
            visited.add(node)
            stack.append((node, True))
            for p in reversed(node._prev):  # reversed：让第一个运算数先被访问
                if p not in visited:
                    stack.append((p, False))
        if not include_constants:
            order = [v for v in order if not v.is_constant]
        return order

    def edges(self, *, include_constants: bool = True) -> list[tuple[Value, Value]]:
        """图里所有的边 ``(父, 子)``，按子节点的拓扑顺序排列。

        同一对节点只列一次（``a * a`` 只有一条边 ``(a, out)``，但梯度会按两次使用累加）。
        """
        result: list[tuple[Value, Value]] = []
        for child in self.nodes(include_constants=include_constants):
            seen: set[Value] = set()
            for p in child._prev:
                if p in seen or (p.is_constant and not include_constants):
                    continue
                seen.add(p)
                result.append((p, child))
        return result

    def backward(self) -> None:
        """反向传播：计算图中每个节点的 $\\partial J/\\partial x$，其中 J 就是本节点。

        步骤：先把从本节点能回溯到的所有节点的 ``grad`` **清零**，令 ``self.grad = 1``
        （$\\partial J/\\partial J = 1$），再按逆拓扑顺序调用每个节点的 ``_backward``。

        因为每次都先清零，对同一个根重复调用 ``backward()`` 得到相同结果，不会重复累加；
        对另一个根调用时，共享节点上的 ``grad`` 会被新根的结果**覆盖**。
        """
        topo = self.nodes()
        for node in topo:
            node.grad = 0.0
        self.grad = 1.0
        for node in reversed(topo):  # 输出先于输入：处理某节点时，它的 grad 已经收齐
            node._backward()


def trace(root: Value, *, include_constants: bool = True) -> tuple[list[Value], list[tuple[Value, Value]]]:
    """取出以 ``root`` 为终点的计算图，供画图使用。

    Parameters
    ----------
    root : Value
        图的输出节点（如 ``J``）。
    include_constants : bool, 默认 True
        是否包含自动包装的常数节点（如 ``J = 3 * v`` 中的 3）。

    Returns
    -------
    nodes : list[Value]
        拓扑顺序的节点（父节点在前，``root`` 最后）。
    edges : list[tuple[Value, Value]]
        ``(父, 子)`` 对，同一对只出现一次。

    Examples
    --------
    >>> g = example_graph()
    >>> nodes, edges = trace(g.J, include_constants=False)
    >>> [n.label for n in nodes]
    ['a', 'b', 'c', 'u', 'v', 'J']
    >>> [(p.label, c.label) for p, c in edges]
    [('b', 'u'), ('c', 'u'), ('a', 'v'), ('u', 'v'), ('v', 'J')]
    """
    if not isinstance(root, Value):
        raise TypeError(f"root 应为 Value，实际收到 {type(root).__name__}")
    return root.nodes(include_constants=include_constants), root.edges(include_constants=include_constants)


class ExampleGraph(NamedTuple):
    """笔记中的例子 J = 3(a + bc) 的各个节点。"""

    a: Value
    b: Value
    c: Value
    u: Value  # u = bc
    v: Value  # v = a + u
    J: Value  # J = 3v


def example_graph(a: float = 5.0, b: float = 3.0, c: float = 2.0) -> ExampleGraph:
    """建立笔记里的计算图 $J = 3(a + bc)$：$u = bc$，$v = a + u$，$J = 3v$。

    只做前向计算；调用 ``g.J.backward()`` 后各节点的 ``grad`` 就是 $\\partial J/\\partial(\\cdot)$。

    Parameters
    ----------
    a, b, c : float, 默认 5, 3, 2
        三个输入，必须是有限实数。

    Returns
    -------
    ExampleGraph
        具名元组 ``(a, b, c, u, v, J)``，每一项是一个 ``Value``。

    Examples
    --------
    >>> g = example_graph()
    >>> g.u.data, g.v.data, g.J.data
    (6.0, 11.0, 33.0)
    >>> g.J.backward()
    >>> g.J.grad, g.v.grad, g.u.grad        # dJ/dJ, dJ/dv, dJ/du
    (1.0, 3.0, 3.0)
    >>> g.a.grad, g.b.grad, g.c.grad        # da = 3，db = c·du = 6，dc = b·du = 9
    (3.0, 6.0, 9.0)
    """
    va, vb, vc = Value(a, "a"), Value(b, "b"), Value(c, "c")
    u = (vb * vc).named("u")
    v = (va + u).named("v")
    J = (3 * v).named("J")
    return ExampleGraph(va, vb, vc, u, v, J)
