# %% [markdown]
# # 动手：单隐藏层网络分类花朵数据
#
# 本页是本站编写的 notebook，不属于原笔记。它跟着[浅层神经网络](../../notes-2/shallow-network/)那一篇，一步一步做一遍：
#
# - 看数据和各个矩阵的形状
# - 先用逻辑回归试试，看它为什么不行
# - 训练一个单隐藏层的网络：代价曲线、准确率、决策边界
# - 换几个隐藏层大小比一比
#
# 所有函数都来自 `dlnotes`。可以[下载它的源文件](shallow_network.py)自己运行：这是 jupytext 的 percent 格式 `.py` 文件，装好 jupytext 后可以用 Jupyter 打开，也可以直接 `python shallow_network.py` 运行。
#
# 图用 `new_figure` 创建（不经过 pyplot），再用 `SVG(svg_bytes(fig, title=...))` 显示；`title` 是图的文字说明，读屏软件读它。

# %%
import numpy as np
from IPython.display import SVG

from dlnotes.datasets import make_flower
from dlnotes.logistic import LogisticRegression
from dlnotes.plotting import COLORS, new_figure, plot_decision_boundary, svg_bytes
from dlnotes.shallow import (
    backward_propagation,
    compute_cost,
    forward_propagation,
    initialize_parameters,
    layer_sizes,
    nn_model,
    predict,
)

# %% [markdown]
# ## 数据
#
# 花朵数据：平面上 400 个点，橙红色的圆点（y = 0）和蓝色的三角（y = 1）交替排成 8 片花瓣。和笔记的约定一样，`X` 的每一列是一个样本。

# %%
X, Y = make_flower()
m = X.shape[1]
print(f"X 的形状：{X.shape}")
print(f"Y 的形状：{Y.shape}")
print(f"样本数 m = {m}，其中 y = 1 的有 {int(Y.sum())} 个")

# %%
fig, ax = new_figure(figsize=(4.5, 4.5))
y = Y.ravel()
ax.scatter(X[0, y == 0], X[1, y == 0], s=12, c=COLORS["red"], label="y = 0")
ax.scatter(X[0, y == 1], X[1, y == 1], s=12, c=COLORS["blue"], marker="^", label="y = 1")
ax.set_aspect("equal")
ax.set_title("花朵数据")
ax.legend(loc="upper right")
SVG(svg_bytes(fig, title=f"花朵数据的散点图：{m} 个二维样本，y = 0（红色圆点）和 y = 1（蓝色三角）交错排成几片花瓣"))

# %% [markdown]
# ## 先试试逻辑回归
#
# 逻辑回归的决策边界是一条直线，而这些花瓣显然不是一条直线能分开的。

# %%
clf = LogisticRegression(learning_rate=1.2, num_iterations=2000).fit(X, Y)
print(f"逻辑回归在训练集上的准确率：{clf.score(X, Y):.1%}")

# %%
fig, ax = new_figure(figsize=(4.5, 4.5))
plot_decision_boundary(ax, clf.predict, X, Y)
ax.set_title(f"逻辑回归：{clf.score(X, Y):.1%}")
SVG(svg_bytes(fig, title=f"逻辑回归在花朵数据上的决策边界：一条直线把平面分成两半，分不开交错的花瓣，"
                         f"训练集准确率 {clf.score(X, Y):.1%}"))

# %% [markdown]
# 准确率和抛硬币差不多。下面换成有一个隐藏层的网络。
#
# ## 网络的结构和形状
#
# 输入层 $n_x = 2$（两个坐标），隐藏层取 $n_h = 4$，输出层 $n_y = 1$。

# %%
n_x, n_h, n_y = layer_sizes(X, Y, n_h=4)
print(f"n_x = {n_x}，n_h = {n_h}，n_y = {n_y}")

params = initialize_parameters(n_x, n_h, n_y)
for name, value in params.items():
    print(f"{name} 的形状：{value.shape}")

# %% [markdown]
# 做一次前向传播和反向传播，检查每个量的形状：$Z^{[1]}, A^{[1]}$ 是 $(n_h, m)$，$Z^{[2]}, A^{[2]}$ 是 $(1, m)$；每个梯度都和对应的参数同形状。

# %%
A2, cache = forward_propagation(X, params)
for name, value in cache.items():
    print(f"{name} 的形状：{value.shape}")
print(f"初始代价 J = {compute_cost(A2, Y):.6f}（约等于 log 2 ≈ 0.693147：一开始什么都不知道）")

grads = backward_propagation(params, cache, X, Y)
for name, value in grads.items():
    assert value.shape == params[name[1:]].shape
    print(f"{name} 的形状：{value.shape}")

# %% [markdown]
# ## 训练
#
# `nn_model` 把「前向 → 代价 → 反向 → 更新」重复 10000 次（学习率 1.2），每 100 次记录一次代价。

# %%
params, costs = nn_model(X, Y, n_h=4, num_iterations=10000, learning_rate=1.2, record_every=100)
for i in (0, 10, 50, 99):
    print(f"第 {i * 100:5d} 次迭代的代价：{costs[i]:.4f}")

# %%
fig, ax = new_figure(figsize=(6, 3.5))
ax.plot(np.arange(len(costs)) * 100, costs, color=COLORS["blue"], lw=2)
ax.set_xlabel("迭代次数")
ax.set_ylabel("代价 J")
ax.set_title("单隐藏层网络（n_h = 4）的代价曲线")
SVG(svg_bytes(fig, title=f"单隐藏层网络（n_h = 4）的代价 J 随迭代次数的曲线：从 {costs[0]:.4f} 降到 {costs[-1]:.4f}"))

# %%
accuracy = float(np.mean(predict(params, X) == Y))
print(f"单隐藏层网络在训练集上的准确率：{accuracy:.1%}")

# %%
fig, ax = new_figure(figsize=(4.5, 4.5))
plot_decision_boundary(ax, lambda G: predict(params, G), X, Y)
ax.set_title(f"单隐藏层网络（n_h = 4）：{accuracy:.1%}")
SVG(svg_bytes(fig, title=f"单隐藏层网络（n_h = 4）在花朵数据上的决策边界：弯曲的边界大致分开了各片花瓣，"
                         f"训练集准确率 {accuracy:.1%}"))

# %% [markdown]
# 一个只有 4 个隐藏单元的网络，已经能把花瓣大致分开了。和逻辑回归并排看：

# %%
fig, axes = new_figure(1, 2, figsize=(8, 4))
plot_decision_boundary(axes[0], clf.predict, X, Y)
axes[0].set_title(f"逻辑回归：{clf.score(X, Y):.1%}")
plot_decision_boundary(axes[1], lambda G: predict(params, G), X, Y)
axes[1].set_title(f"单隐藏层网络：{accuracy:.1%}")
SVG(svg_bytes(fig, title=f"并排比较决策边界：左边逻辑回归是一条直线（训练集准确率 {clf.score(X, Y):.1%}），"
                         f"右边单隐藏层网络是弯曲的边界（{accuracy:.1%}）"))

# %% [markdown]
# ## 隐藏层大小
#
# 换几个 $n_h$，各训练 5000 次，比较训练集上的准确率。

# %%
for size in (1, 2, 3, 4, 5, 20):
    p, c = nn_model(X, Y, n_h=size, num_iterations=5000, learning_rate=1.2)
    acc = float(np.mean(predict(p, X) == Y))
    print(f"n_h = {size:2d}：准确率 {acc:.1%}，最后记录的代价 {c[-1]:.4f}")

# %% [markdown]
# - $n_h$ 为 1、2 时，网络太简单，分不开 8 片花瓣
# - $n_h$ 到 3 以后准确率就上去了；大到 20 时，训练集上还能再好一点，但边界开始去迁就个别的噪声点
#
# 这些网络的决策边界画在[浅层神经网络](../../notes-2/shallow-network/#动手花朵数据)里。下一篇：[深层神经网络](../../notes-3/deep-network/)。

