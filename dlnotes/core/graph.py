"""一个极小的标量计算图（micrograd 风格）：前向时记下每个运算，反向时按链式法则把导数传回去。

页面上展示的是这里的代码；``dlnotes.graph.Value`` 是它的完整版（更多运算、输入检查、
节点名字与画图用的接口），两者对同一个图给出同样的导数（见 ``tests/test_graph.py``）。
"""


# --8<-- [start:Value]
class Value:
    """计算图里的一个节点：前向的值 data，反向得到的 grad = ∂J/∂(本节点)。"""

    def __init__(self, data, parents=()):
        self.data = data
        self.grad = 0.0
        self._prev = parents  # 本节点由哪些节点算出
        self._backward = lambda: None  # 叶子节点：反向时什么也不做

    def __add__(self, other):
        other = other if isinstance(other, Value) else Value(other)
        out = Value(self.data + other.data, (self, other))

        def _backward():  # v = a + u：dv/da = dv/du = 1，所以 da += dv，du += dv
            self.grad += out.grad
            other.grad += out.grad

        out._backward = _backward
        return out

    def __mul__(self, other):
        other = other if isinstance(other, Value) else Value(other)
        out = Value(self.data * other.data, (self, other))

        def _backward():  # u = bc：du/db = c，du/dc = b，所以 db += c·du，dc += b·du
            self.grad += other.data * out.grad
            other.grad += self.data * out.grad

        out._backward = _backward
        return out

    __radd__ = __add__  # 3 + v
    __rmul__ = __mul__  # 3 * v

    def backward(self):
        """令 dJ/dJ = 1，再从输出到输入逐个调用各节点的 _backward。"""
        topo, seen = [], set()

        def build(v):  # 拓扑排序：每个节点排在它的输入之后
            if v not in seen:
                seen.add(v)
                for p in v._prev:
                    build(p)
                topo.append(v)

        build(self)
        self.grad = 1.0
        for v in reversed(topo):  # 输出先于输入：轮到某个节点时，它的 grad 已经收齐
            v._backward()
# --8<-- [end:Value]


# --8<-- [start:example_graph]
def example_graph(a=5.0, b=3.0, c=2.0):
    """笔记里的计算图 J = 3(a + bc)。"""
    a, b, c = Value(a), Value(b), Value(c)
    u = b * c  # u = bc
    v = a + u  # v = a + u
    J = 3 * v  # J = 3v
    return a, b, c, u, v, J
# --8<-- [end:example_graph]
