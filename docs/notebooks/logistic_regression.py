# %% [markdown]
# # 动手：从零实现逻辑回归
#
# 这一页是本站补充的一个 notebook。可以[下载它的源文件](logistic_regression.py)自己运行：这是 jupytext 的 percent 格式 `.py` 文件（`# %%` 分隔代码单元，`# %% [markdown]` 是文字单元），装好 jupytext 后可以用 Jupyter 打开；直接 `python logistic_regression.py` 也能运行，只是看不到图。它用到本站的 `dlnotes` 包，安装方法见[关于本站](../../about/)。
#
# 我们用[神经网络的编程基础](../../notes-1/basics/)里讲的逻辑回归，在一份**真实**的数据上训练一个分类器：
#
# $$\hat{y} = \sigma(w^T x + b),\qquad
# J(w, b) = \frac{1}{m}\sum_{i=1}^{m} L\left(\hat{y}^{(i)}, y^{(i)}\right)$$
#
# 训练循环就写在这一页上，每一步调用笔记里的 `propagate`（前向算代价、反向算梯度），全部是 `dlnotes` 包里的纯 numpy 代码，没有调用任何现成的机器学习模型。

# %%
import numpy as np
from IPython.display import SVG

from dlnotes.activations import sigmoid
from dlnotes.datasets import (
    load_breast_cancer,
    standardize,
    train_test_split,
)
from dlnotes.logistic import initialize_with_zeros, propagate
from dlnotes.plotting import (
    COLORS,
    new_figure,
    plot_decision_boundary,
    svg_bytes,
)

# %% [markdown]
# ## 数据：乳腺肿瘤的 30 个测量值
#
# 威斯康星乳腺癌诊断数据随 scikit-learn 一起安装，不需要联网。每个样本是一个肿瘤，有 30 个从细胞核图像里测出来的数（半径、纹理、周长、面积……），标签 $y = 1$ 表示恶性，$y = 0$ 表示良性。这是典型的**结构化数据**：每一列都有明确的含义。
#
# 按笔记的约定，样本按列排：$X$ 的形状是 $(n_x, m)$，$Y$ 的形状是 $(1, m)$。

# %%
X, Y, feature_names = load_breast_cancer()
n_x, m = X.shape
print(f"X 的形状 (n_x, m) = {X.shape}，Y 的形状 = {Y.shape}")
print(f"恶性 {int(Y.sum())} 例，良性 {int(m - Y.sum())} 例")
print("前 5 个特征：", feature_names[:5])

# %% [markdown]
# 留出四分之一的样本做测试集（按标签分层，两边恶性的比例基本相同），训练时不看它们。
#
# 这些特征的量纲差别很大（面积上千，光滑度只有零点几），直接做梯度下降，代价函数的「碗」会被拉得又扁又长，学习率很难选。所以先**标准化**：每个特征减去均值、除以标准差。均值和标准差只能用训练集算，再用同样的数去变换测试集，否则就等于偷看了测试数据。

# %%
X_train, Y_train, X_test, Y_test = train_test_split(
    X, Y, test_size=0.25, seed=0)
X_train_s, X_test_s, mu, sigma = standardize(X_train, X_test)
print("训练集", X_train_s.shape, "测试集", X_test_s.shape)
print("标准化后每个特征的均值都是 0：",
      bool(np.allclose(X_train_s.mean(axis=1), 0.0)))
print("标准化后每个特征的标准差都是 1：",
      bool(np.allclose(X_train_s.std(axis=1), 1.0)))


# %% [markdown]
# ## 训练
#
# 从 $w = 0$、$b = 0$ 出发（`initialize_with_zeros`），做批量梯度下降：每一步用全部训练样本调用一次 `propagate` 得到代价 $J$ 和梯度，再沿负梯度走一步：
#
# $$w := w - \alpha\, dw,\qquad b := b - \alpha\, db,\qquad
# dw = \frac{1}{m} X (A - Y)^T,\quad db = \frac{1}{m}\sum_{i=1}^{m}\left(a^{(i)} - y^{(i)}\right)$$
#
# 这里取学习率 $\alpha = 0.1$，迭代 2000 次，每 5 次记一次代价。


# %%
def train(X, Y, learning_rate, num_iterations, record_every=100):
    """批量梯度下降，返回学到的 w、b 和每 record_every 步记录的代价。"""
    w, b = initialize_with_zeros(X.shape[0])  # w = 0，b = 0
    costs = []
    for i in range(num_iterations):
        grads, J = propagate(w, b, X, Y)  # 前向算 J，反向算 dw、db
        if i % record_every == 0:
            costs.append(J)
        w = w - learning_rate * grads["dw"]  # w := w − α dw
        b = b - learning_rate * grads["db"]  # b := b − α db
    return w, b, costs


def predict(w, b, X):
    """ŷ = σ(wᵀX + b) > 0.5 判为 1，否则为 0，形状 (1, m)。"""
    return (sigmoid(w.T @ X + b) > 0.5).astype(float)


def accuracy(w, b, X, Y):
    return float(np.mean(predict(w, b, X) == Y))


RECORD_EVERY = 5
w, b, costs = train(X_train_s, Y_train, learning_rate=0.1,
                    num_iterations=2000, record_every=RECORD_EVERY)
print(f"w 的形状 {w.shape}，b = {b:.4f}")
print(f"代价：开始 {costs[0]:.4f}，最后一次记录 {costs[-1]:.4f}")

# %% [markdown]
# 开始时 $w = 0$、$b = 0$，所有样本的 $\hat{y} = \sigma(0) = 0.5$，代价正好是 $-\log 0.5 = \log 2 \approx 0.6931$。下面是代价随迭代次数的变化：逻辑回归的代价函数是凸的，学习率合适时它一路下降。

# %%
iterations = np.arange(len(costs)) * RECORD_EVERY
fig, ax = new_figure(figsize=(6.5, 3.6))
ax.plot(iterations, costs, color=COLORS["blue"], lw=2)
ax.set_xlabel("迭代次数")
ax.set_ylabel("代价 J")
ax.set_title("梯度下降过程中的代价（学习率 0.1）")
ax.grid(alpha=0.3)
# 把图存成 SVG 显示在这里（不经过 pyplot）；title 是图的文字说明，读屏软件读它
SVG(svg_bytes(fig, title=f"代价 J 随迭代次数变化的曲线（学习率 0.1）：从 {costs[0]:.4f} 一路下降到 {costs[-1]:.4f}"))

# %% [markdown]
# ## 准确率
#
# 预测时 $\hat{y} > 0.5$ 判为恶性。训练集上的准确率说明模型学到了多少，测试集上的准确率才说明它对没见过的肿瘤判断得怎么样。

# %%
print(f"训练集准确率 {accuracy(w, b, X_train_s, Y_train):.2%}")
print(f"测试集准确率 {accuracy(w, b, X_test_s, Y_test):.2%}")

# %% [markdown]
# 只用一个「神经元」、几十行 numpy，就在没见过的样本上得到了很高的准确率。看看哪些特征的权重最大（特征已经标准化，权重的大小可以大致比较；彼此相关的特征会分摊权重，所以只是粗略的参考）：

# %%
order = np.argsort(-np.abs(w[:, 0]))
for j in order[:5]:
    print(f"{feature_names[j]:<24s} w = {w[j, 0]:+.3f}")

# %% [markdown]
# ## 只用两个特征：画出决策边界
#
# 30 维的决策边界没法画。只挑两个特征，平均半径（mean radius）和平均纹理（mean texture），重新训练一个模型，就能在平面上画出来。逻辑回归的决策边界是 $w^T x + b = 0$，也就是一条**直线**：直线一侧 $\hat{y} > 0.5$，另一侧 $\hat{y} < 0.5$。

# %%
names = ("mean radius", "mean texture")
pair = [feature_names.index(name) for name in names]
X2_train, X2_test = X_train_s[pair], X_test_s[pair]
w2, b2, _ = train(X2_train, Y_train, learning_rate=0.1,
                  num_iterations=2000)
print(f"两个特征：训练集准确率 {accuracy(w2, b2, X2_train, Y_train):.2%}")
print(f"两个特征：测试集准确率 {accuracy(w2, b2, X2_test, Y_test):.2%}")

# %%
fig, ax = new_figure(figsize=(6, 5))
plot_decision_boundary(ax, lambda P: predict(w2, b2, P), X2_train, Y_train,
                       labels=("良性", "恶性"))
ax.set_xlabel("平均半径（标准化）")
ax.set_ylabel("平均纹理（标准化）")
ax.set_title("两个特征的逻辑回归：决策边界是一条直线")
ax.legend(loc="upper right")
SVG(svg_bytes(fig, title="训练集样本按两个标准化特征（平均半径、平均纹理）画成散点，良性与恶性各一种颜色；"
                         "逻辑回归的决策边界是一条直线，把平面分成两个区域"))

# %% [markdown]
# 只看两个特征，准确率比用全部 30 个特征时低了一截：边界附近良性和恶性的点混在一起，一条直线分不干净。多给模型一些有用的特征（或者换成能画出弯曲边界的神经网络）才能做得更好。
#
# ## 小结
#
# - 逻辑回归的全部训练就是上面 `train` 里的一个循环：`propagate` 算代价和梯度，$w$、$b$ 沿负梯度走一步。
# - 特征先标准化（只用训练集的均值和标准差），梯度下降才好选学习率。
# - 测试集准确率才说明模型对新样本的判断能力；决策边界 $w^Tx + b = 0$ 是一条直线（高维时是一个超平面）。
#
# 下一章：[向量化](../../notes-2/vectorization/)，看看 `propagate` 为什么不写对样本的 for 循环。
