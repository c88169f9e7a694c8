# %% [markdown]
# # 动手：L 层网络识别手写数字
#
# 本页是本站编写的 notebook，不属于原笔记。它跟着[深层神经网络](../../notes-3/deep-network/)那一篇，在真实的图片上训练一个 $L$ 层网络：
#
# - 读入手写数字 3 和 8，看看图片和矩阵的形状
# - 列出网络每一层的形状，并用一次前向传播核对
# - 训练一个 2 层网络和一个 4 层网络：代价曲线、训练集和测试集上的准确率
# - 看看哪些图片被认错了
#
# 所有函数都来自 `dlnotes`。可以[下载它的源文件](deep_network.py)自己运行：这是 jupytext 的 percent 格式 `.py` 文件，装好 jupytext 后可以用 Jupyter 打开，也可以直接 `python deep_network.py` 运行。

# %%
import numpy as np
from IPython.display import SVG

from dlnotes.datasets import load_digits, load_digits_images, train_test_split
from dlnotes.deep import (
    L_layer_model,
    L_model_forward,
    initialize_parameters_deep,
    parameter_shapes,
    predict,
)
from dlnotes.plotting import COLORS, new_figure, svg_bytes

# %% [markdown]
# ## 数据：8×8 的手写数字
#
# scikit-learn 自带 1797 张 8×8 像素的手写数字图片（随包安装，不用联网）。我们只取 3 和 8 这两个容易混淆的数字，做二分类：$y = 1$ 表示 8，$y = 0$ 表示 3。
#
# 每张图片按行展开成一个长度为 64 的列向量，灰度缩放到 $[0, 1]$。

# %%
DIGITS = (3, 8)
X, Y = load_digits(DIGITS)
images, _ = load_digits_images(DIGITS)
print(f"X 的形状：{X.shape}（每列一张图片）")
print(f"Y 的形状：{Y.shape}")
print(f"图片的形状：{images.shape}")
print(f"数字 {DIGITS[0]}：{int((Y == 0).sum())} 张，数字 {DIGITS[1]}：{int((Y == 1).sum())} 张")

# %%
fig, axes = new_figure(2, 8, figsize=(8, 2.4))
for k, ax in enumerate(axes.ravel()):
    ax.imshow(images[k], cmap="gray_r", vmin=0, vmax=1)
    ax.set_title(f"y = {int(Y[0, k])}（{DIGITS[int(Y[0, k])]}）", fontsize=9)
    ax.set_axis_off()
fig.suptitle("前 16 张图片")
SVG(svg_bytes(fig, title=f"数据集的前 16 张 8×8 灰度手写数字图片，排成 2 行 8 列，"
                         f"每张上方标着标签 y 和它代表的数字（{DIGITS[0]} 或 {DIGITS[1]}）"))

# %% [markdown]
# 按 7:3 分成训练集和测试集（分层抽样：两个集合里 3 和 8 的比例几乎相同）。

# %%
X_train, Y_train, X_test, Y_test = train_test_split(X, Y, test_size=0.3, seed=0)
print(f"训练集：{X_train.shape}，测试集：{X_test.shape}")
print(f"训练集里 8 的比例：{Y_train.mean():.3f}，测试集里 8 的比例：{Y_test.mean():.3f}")

# %% [markdown]
# ## 网络的结构和每个矩阵的形状
#
# 一个 $L = 4$ 的网络：三个隐藏层（20、7、5 个单元，ReLU），输出层 1 个单元（sigmoid）。

# %%
layer_dims = [64, 20, 7, 5, 1]
m_train = X_train.shape[1]
table = parameter_shapes(layer_dims, m_train)
for row in table:
    print(f"第 {row['l']} 层（{row['n']:2d} 个单元）：W {row['W']}，b {row['b']}，Z 和 A {row['Z']}")

# %% [markdown]
# 用一次真实的前向传播核对：缓存里每个数组的形状应该和上表一致。

# %%
params = initialize_parameters_deep(layer_dims, seed=1)
AL, caches = L_model_forward(X_train, params)
for row, ((_A_prev, W, b), Z) in zip(table, caches):
    assert (W.shape, b.shape, Z.shape) == (row["W"], row["b"], row["Z"])
print(f"全部一致。AL 的形状：{AL.shape}")
print(f"未训练时 AL 的前 5 个值：{AL[0, :5].round(3)}")

# %% [markdown]
# ## 训练：2 层网络与 4 层网络
#
# 两个网络用同样的学习率 0.03、同样的迭代次数 2000，每 10 次记录一次代价。

# %%
models = {"2 层 [64, 7, 1]": [64, 7, 1], "4 层 [64, 20, 7, 5, 1]": layer_dims}
trained = {}
for name, dims in models.items():
    p, costs = L_layer_model(X_train, Y_train, dims, learning_rate=0.03, num_iterations=2000, record_every=10)
    trained[name] = (p, costs)
    print(f"{name}：初始代价 {costs[0]:.4f}，最后记录的代价 {costs[-1]:.4f}")

# %%
fig, ax = new_figure(figsize=(6.5, 3.8))
for (name, (_params, costs)), color in zip(trained.items(), (COLORS["orange"], COLORS["blue"])):
    ax.semilogy(np.arange(len(costs)) * 10, costs, color=color, lw=2, label=name)
ax.set_xlabel("迭代次数")
ax.set_ylabel("代价 J（对数坐标）")
ax.set_title("代价曲线（学习率 0.03）")
ax.legend()
SVG(svg_bytes(fig, title=f"{' 与 '.join(trained)} 两个网络的代价 J 随迭代次数下降的曲线（纵轴是对数坐标，学习率 0.03）"))

# %% [markdown]
# ## 准确率


# %%
def accuracy(p, X, Y):
    return float(np.mean(predict(p, X) == Y))


for name, (p, _) in trained.items():
    print(f"{name}：训练集 {accuracy(p, X_train, Y_train):.1%}，测试集 {accuracy(p, X_test, Y_test):.1%}")

# %% [markdown]
# 4 层网络把训练集拟合得更好（代价低得多），但在测试集上并没有胜过 2 层网络：对 8×8 的 3 和 8 来说，一个隐藏层已经够用了。层数是超参数，要靠实验来选。
#
# ## 哪些图片被认错了
#
# 看看 4 层网络在测试集上认错的图片，以及它给出的概率 $\hat{y}$（$\hat{y} > 0.5$ 判为 8）。

# %%
p4, _ = trained["4 层 [64, 20, 7, 5, 1]"]
AL_test, _ = L_model_forward(X_test, p4)
pred = (AL_test > 0.5).astype(float)
wrong = np.flatnonzero(pred[0] != Y_test[0])
print(f"测试集 {X_test.shape[1]} 张图片中认错了 {wrong.size} 张")

# %%
fig, axes = new_figure(1, max(wrong.size, 1), figsize=(2.2 * max(wrong.size, 1), 2.6), squeeze=False)
for ax, k in zip(axes[0], wrong):
    ax.imshow(X_test[:, k].reshape(8, 8), cmap="gray_r", vmin=0, vmax=1)
    truth, guess = DIGITS[int(Y_test[0, k])], DIGITS[int(pred[0, k])]
    ax.set_title(f"真实 {truth}，预测 {guess}\n" + rf"$\hat{{y}}$ = {AL_test[0, k]:.2f}", fontsize=9)
    ax.set_axis_off()
if wrong.size == 0:
    axes[0, 0].set_axis_off()
    axes[0, 0].text(0.5, 0.5, "没有认错的图片", ha="center", va="center")
fig.suptitle("测试集中被认错的图片")
SVG(svg_bytes(fig, title=f"测试集中被认错的 {wrong.size} 张图片，每张上方标着真实数字、预测数字和网络的输出 ŷ"
                if wrong.size else "测试集中没有认错的图片"))

# %% [markdown]
# 8×8 的分辨率很低，有些 3 和 8 连人看着都费劲。
#
# 再看看网络最有把握和最没把握的几张测试图片（$\hat{y}$ 离 0.5 最远和最近的）。

# %%
confidence = np.abs(AL_test[0] - 0.5)
order = np.argsort(confidence, kind="stable")
picks = list(order[:4]) + list(order[-4:])
fig, axes = new_figure(1, 8, figsize=(9, 2.5))
for ax, k in zip(axes, picks):
    ax.imshow(X_test[:, k].reshape(8, 8), cmap="gray_r", vmin=0, vmax=1)
    ax.set_title(rf"$\hat{{y}}$ = {AL_test[0, k]:.3f}", fontsize=10)
    ax.set_axis_off()
fig.suptitle("左边 4 张最没把握，右边 4 张最有把握")
SVG(svg_bytes(fig, title="8 张测试图片：左边 4 张的 ŷ 离 0.5 最近（网络最没把握），"
                         "右边 4 张离 0.5 最远（最有把握），每张上方标着 ŷ"))

# %% [markdown]
# ## 接下来
#
# 到这里，一个 $L$ 层网络从初始化、前向传播、反向传播到训练和评估就完整走了一遍。可以回到[深层神经网络](../../notes-3/deep-network/#练习)做那里的练习，或者回到[首页](../../)从头复习。
