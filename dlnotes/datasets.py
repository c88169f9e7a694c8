"""笔记用到的数据集：带种子的合成数据，以及 scikit-learn 自带的小型真实数据。

所有函数返回的数组都遵循笔记的约定：

- ``X`` 的形状是 ``(n_x, m)``，**每一列是一个样本**（不是 scikit-learn 习惯的每行一个样本）；
- ``Y`` 的形状是 ``(1, m)``，``float64``，取值 0 或 1。

合成数据只依赖 numpy，同一个 ``seed`` 每次得到完全相同的数组。
真实数据（乳腺癌表格、手写数字）读取 scikit-learn 安装包里附带的数据文件，**不联网**，
而且**不导入** scikit-learn（导入它要一秒多）：只找到它的安装目录，用 numpy/gzip/csv
直接解析 ``sklearn/datasets/data/`` 下的文件，结果与 ``sklearn.datasets`` 的加载函数逐位相同。
没装 scikit-learn 时抛出 ``ImportError``：``需要 scikit-learn：pip install scikit-learn（或在本仓库里 pip install -e '.[data]'）``。

======================  =========================  ==================================
函数                    返回                       用途
======================  =========================  ==================================
``make_blobs``          ``X (2, m), Y``            两团高斯点，一条直线基本能分开
``make_flower``         ``X (2, m), Y``            "花朵"数据，直线分不开（浅层网络）
``make_house_prices``   ``size, price``            面积→房价，ReLU 形状（单个神经元）
``load_breast_cancer``  ``X (30, 569), Y, names``  结构化数据：乳腺肿瘤的 30 个测量值
``load_digits``         ``X (64, m), Y``           非结构化数据：8×8 手写数字图片
``load_digits_images``  ``images (m, 8, 8), Y``    同上，用来显示图片
``train_test_split``    四个数组                   按列随机划分训练集/测试集
``standardize``         ``Standardized``           用训练集的均值、标准差标准化特征
======================  =========================  ==================================
"""

from __future__ import annotations

import csv
import gzip
import importlib.util
import math
from pathlib import Path
from typing import NamedTuple

import numpy as np

from dlnotes._checks import (
    as_array,
    as_scalar,
    check_positive_float,
    check_positive_int,
    check_same_m,
    check_shape,
)

__all__ = [
    "make_blobs",
    "make_flower",
    "make_house_prices",
    "load_breast_cancer",
    "load_digits",
    "load_digits_images",
    "train_test_split",
    "standardize",
    "Standardized",
    "HOUSE_SIZE_RANGE",
    "HOUSE_PRICE_KNEE",
    "HOUSE_PRICE_SLOPE",
    "HOUSE_PRICE_NOISE",
]

_SKLEARN_MISSING = "需要 scikit-learn：pip install scikit-learn（或在本仓库里 pip install -e '.[data]'）"


def _check_seed(seed: object) -> int:
    return check_positive_int(seed, "seed", minimum=0)


def _shuffle_columns(rng: np.random.Generator, X: np.ndarray, Y: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    perm = rng.permutation(X.shape[1])
    return X[:, perm], Y[:, perm]


def _sklearn_data_file(name: str) -> Path:
    """scikit-learn 安装包里 ``sklearn/datasets/data/<name>`` 的路径，**不导入** sklearn。

    ``find_spec`` 只定位包目录，不执行 ``sklearn/__init__.py``；没装 scikit-learn 时给出安装提示。
    """
    try:
        spec = importlib.util.find_spec("sklearn")
    except (ImportError, ValueError):  # 父包缺失，或 sys.modules 里的 sklearn 没有 __spec__
        spec = None
    if spec is None or not spec.submodule_search_locations:
        raise ImportError(_SKLEARN_MISSING)
    path = Path(spec.submodule_search_locations[0]) / "datasets" / "data" / name
    if not path.is_file():
        raise ImportError(f"在 scikit-learn 的安装目录里找不到数据文件 {path}；{_SKLEARN_MISSING}")
    return path


#: 乳腺癌数据的 10 种测量；30 个特征是它们的均值（mean …）、标准误（… error）和最差值（worst …），
#: 顺序与 ``sklearn.datasets.load_breast_cancer().feature_names`` 相同（scikit-learn 把名字写在代码里，不在数据文件中）。
_BREAST_CANCER_MEASUREMENTS = (
    "radius", "texture", "perimeter", "area", "smoothness",
    "compactness", "concavity", "concave points", "symmetry", "fractal dimension",
)


def _read_breast_cancer() -> tuple[np.ndarray, np.ndarray]:
    """解析 ``breast_cancer.csv``，返回 (data (569, 30) float64, target (569,) int)，target 0 = 恶性。

    文件第一行是 ``样本数,特征数,类别名...``，之后每行是 30 个特征和一个整数标签
    （与 ``sklearn.datasets._base.load_csv_data`` 的读法相同）。
    """
    with _sklearn_data_file("breast_cancer.csv").open(encoding="utf-8", newline="") as f:
        header = next(csv.reader(f))
        n_samples, n_features = int(header[0]), int(header[1])
        if header[2:] != ["malignant", "benign"]:  # 下面的标签翻转依赖这个顺序
            raise ValueError(f"breast_cancer.csv 的类别应为 ['malignant', 'benign']，实际是 {header[2:]}")
        table = np.loadtxt(f, delimiter=",", dtype=np.float64, ndmin=2)
    if table.shape != (n_samples, n_features + 1):
        raise ValueError(f"breast_cancer.csv 的数据应为 {(n_samples, n_features + 1)}，实际是 {table.shape}")
    return table[:, :-1], table[:, -1].astype(int)


def _read_digits() -> tuple[np.ndarray, np.ndarray]:
    """解析 ``digits.csv.gz``，返回 (data (1797, 64) float64, target (1797,) int)。

    每行是 64 个灰度（0..16，按行展开的 8×8 图片）和一个数字标签
    （与 ``sklearn.datasets._base.load_gzip_compressed_csv_data`` 的读法相同）。
    """
    with gzip.open(_sklearn_data_file("digits.csv.gz"), mode="rt", encoding="utf-8") as f:
        table = np.loadtxt(f, delimiter=",", dtype=np.float64, ndmin=2)
    return table[:, :-1], table[:, -1].astype(int)


def make_blobs(m=200, *, seed=0, distance=4.0, std=1.0):
    r"""两团二维高斯点，标签各占一半：逻辑回归（一条直线）的入门数据。

    两团的中心在对角线方向 $(1, 1)/\sqrt{2}$ 上、关于原点对称，中心之间相距 ``distance``；
    每团是各向同性的高斯分布，标准差 ``std``。最好的直线分类器（两中心连线的中垂线）的
    期望准确率是 $\Phi(\text{distance} / (2\,\text{std}))$（$\Phi$ 为标准正态分布函数）：
    默认参数下约 97.7%。

    Parameters
    ----------
    m : int, 默认 200
        样本数，>= 2。类别 0 有 ``m - m // 2`` 个，类别 1 有 ``m // 2`` 个。
    seed : int, 默认 0
        随机种子（>= 0）。
    distance : float, 默认 4.0
        两团中心之间的距离，>= 0。
    std : float, 默认 1.0
        每团的标准差，> 0。

    Returns
    -------
    X : ndarray, 形状 (2, m)
        每列一个点；列的顺序已随机打乱。
    Y : ndarray, 形状 (1, m)
        0/1 标签（``float64``）。

    Examples
    --------
    >>> X, Y = make_blobs(6, seed=0)
    >>> X.shape, Y.shape
    ((2, 6), (1, 6))
    >>> int(Y.sum())
    3
    """
    m = check_positive_int(m, "m", minimum=2)
    seed = _check_seed(seed)
    distance = check_positive_float(distance, "distance", allow_zero=True)
    std = check_positive_float(std, "std")
    rng = np.random.default_rng(seed)
    n1 = m // 2
    Y = np.zeros((1, m))
    Y[0, m - n1 :] = 1.0
    # 类别 0 的中心在 −(distance/2)·u，类别 1 在 +(distance/2)·u，u = (1, 1)/√2
    u = np.array([[1.0], [1.0]]) / np.sqrt(2.0)
    centres = (2.0 * Y - 1.0) * (distance / 2.0) * u  # (2, m)
    X = centres + std * rng.standard_normal((2, m))
    return _shuffle_columns(rng, X, Y)


def make_flower(m=400, *, seed=1, petals=4, noise=0.2):
    r"""平面"花朵"数据：两类点交替排成花瓣，一条直线分不开（课程 ``planar_utils`` 的同一生成过程）。

    每一类取角度 $t$ 在长为 3.12（≈ π）的区间上均匀分布（加噪声），半径
    $r = 4 \sin(\text{petals}\cdot t)$ （加噪声），点为 $(r \sin t,\; r \cos t)$。
    类别 0 取 $t \in [0, 3.12]$，类别 1 取 $t \in [3.12, 6.24]$。
    每类 ``petals`` 片花瓣，共 ``2 * petals`` 片。

    与课程的 ``load_planar_dataset()`` 生成方式相同，但用 numpy 的新式随机数发生器，
    所以具体的点不同。

    Parameters
    ----------
    m : int, 默认 400
        样本数，>= 2。类别 0 有 ``m - m // 2`` 个，类别 1 有 ``m // 2`` 个。
    seed : int, 默认 1
        随机种子（>= 0）。
    petals : int, 默认 4
        每类的花瓣数，必须是正偶数（奇数时两类会完全重叠）。
    noise : float, 默认 0.2
        角度和半径上高斯噪声的标准差，>= 0。

    Returns
    -------
    X : ndarray, 形状 (2, m)
        每列一个点，坐标大致在 [-4, 4] 内；列的顺序已随机打乱。
    Y : ndarray, 形状 (1, m)
        0/1 标签（``float64``）。

    Examples
    --------
    >>> X, Y = make_flower()
    >>> X.shape, Y.shape, int(Y.sum())
    ((2, 400), (1, 400), 200)
    """
    m = check_positive_int(m, "m", minimum=2)
    seed = _check_seed(seed)
    petals = check_positive_int(petals, "petals")
    if petals % 2:
        raise ValueError(f"petals 应为正偶数（奇数时两类的点重叠在同一片花瓣上），实际是 {petals}")
    noise = check_positive_float(noise, "noise", allow_zero=True)
    rng = np.random.default_rng(seed)
    a = 4.0  # 花瓣的最大半径
    X = np.empty((2, m))
    Y = np.zeros((1, m))
    start = 0
    for j, n in enumerate((m - m // 2, m // 2)):
        cols = slice(start, start + n)
        t = np.linspace(j * 3.12, (j + 1) * 3.12, n) + noise * rng.standard_normal(n)  # 角度 θ
        r = a * np.sin(petals * t) + noise * rng.standard_normal(n)  # 半径
        X[0, cols] = r * np.sin(t)
        X[1, cols] = r * np.cos(t)
        Y[0, cols] = j
        start += n
    return _shuffle_columns(rng, X, Y)


#: 房屋面积的取值范围（平方米）
HOUSE_SIZE_RANGE = (20.0, 150.0)
#: 价格开始大于 0 的"拐点"面积（平方米）
HOUSE_PRICE_KNEE = 40.0
#: 拐点之后每平方米的价格（万元/平方米）
HOUSE_PRICE_SLOPE = 3.0
#: 价格噪声的标准差（万元）
HOUSE_PRICE_NOISE = 15.0


def make_house_prices(m=50, *, seed=0):
    r"""面积 → 房价的合成数据，趋势是 ReLU 形状：笔记里"单个神经元"的例子。

    面积 $x$（平方米）在 ``HOUSE_SIZE_RANGE`` = [20, 150] 上均匀分布；房价（万元）为

    $$
    y = \max\bigl(0,\; 3\,(x - 40) + \varepsilon\bigr),\qquad \varepsilon \sim \mathcal{N}(0, 15^2),
    $$

    即面积小于约 40 平方米时价格为 0，之后每平方米 3 万元线性上升（常数见
    ``HOUSE_PRICE_KNEE``、``HOUSE_PRICE_SLOPE``、``HOUSE_PRICE_NOISE``）。
    价格不会是负数——这正是用 ReLU 而不是直线拟合的理由。两者都保留一位小数。

    Parameters
    ----------
    m : int, 默认 50
        样本数，>= 1。
    seed : int, 默认 0
        随机种子（>= 0）。

    Returns
    -------
    size : ndarray, 形状 (1, m)
        面积，单位平方米。
    price : ndarray, 形状 (1, m)
        价格，单位万元，>= 0。

    Examples
    --------
    >>> size, price = make_house_prices()
    >>> size.shape, price.shape
    ((1, 50), (1, 50))
    >>> bool(price.min() == 0.0), bool((price[size < 30] == 0).all())
    (True, True)
    """
    m = check_positive_int(m, "m")
    seed = _check_seed(seed)
    rng = np.random.default_rng(seed)
    lo, hi = HOUSE_SIZE_RANGE
    size = rng.uniform(lo, hi, size=(1, m)).round(1)
    noise = HOUSE_PRICE_NOISE * rng.standard_normal((1, m))
    price = np.maximum(0.0, HOUSE_PRICE_SLOPE * (size - HOUSE_PRICE_KNEE) + noise).round(1)
    return size, price + 0.0  # + 0.0 把 round 可能产生的 −0.0 变成 0.0


def load_breast_cancer():
    """威斯康星乳腺癌诊断数据（结构化数据）：569 个肿瘤样本，每个 30 个测量特征。

    读取 scikit-learn 安装包附带的数据文件（不导入 scikit-learn，也不联网）。
    特征是细胞核图像的测量值（半径、纹理、周长、面积……的均值、标准误和最差值），
    量纲差别很大，训练前应先 ``standardize``。

    **标签约定**：``Y = 1`` 表示恶性（malignant，212 例），``Y = 0`` 表示良性（benign，357 例）。
    注意这与 scikit-learn 的 ``target``（0 = 恶性）正好相反。

    Returns
    -------
    X : ndarray, 形状 (30, 569)
        每列一个样本（``float64``）。
    Y : ndarray, 形状 (1, 569)
        1 = 恶性，0 = 良性（``float64``）。
    feature_names : list[str]
        30 个特征的英文名，顺序与 ``X`` 的行一致。

    Raises
    ------
    ImportError
        没有安装 scikit-learn。

    Examples
    --------
    >>> X, Y, names = load_breast_cancer()
    >>> X.shape, Y.shape, int(Y.sum())
    ((30, 569), (1, 569), 212)
    >>> names[0]
    'mean radius'
    """
    data, target = _read_breast_cancer()
    X = np.ascontiguousarray(data.T)  # (569, 30) → (30, 569)，每列一个样本
    Y = (target == 0).astype(np.float64).reshape(1, -1)  # 文件里 0 = malignant
    names = [f"mean {x}" for x in _BREAST_CANCER_MEASUREMENTS]
    names += [f"{x} error" for x in _BREAST_CANCER_MEASUREMENTS]
    names += [f"worst {x}" for x in _BREAST_CANCER_MEASUREMENTS]
    return X, Y, names


def _check_digits(digits: object) -> tuple[int, int]:
    if not isinstance(digits, (tuple, list)) or len(digits) != 2:
        raise TypeError(f"digits 应为两个数字组成的元组，如 (0, 1)，实际收到 {digits!r}")
    d0, d1 = (check_positive_int(d, "digits 中的数字", minimum=0) for d in digits)
    if d0 > 9 or d1 > 9:
        raise ValueError(f"digits 中的数字应在 0..9 之间，实际是 {digits!r}")
    if d0 == d1:
        raise ValueError(f"digits 应为两个不同的数字，实际是 {digits!r}")
    return d0, d1


def _digits(digits: object) -> tuple[np.ndarray, np.ndarray]:
    """返回 (像素 (m, 64) ∈ [0, 1], Y (1, m))，顺序与 scikit-learn 的数据一致。"""
    d0, d1 = _check_digits(digits)
    data, target = _read_digits()
    keep = np.isin(target, (d0, d1))
    pixels = data[keep] / 16.0  # 原始灰度是 0..16 的整数
    Y = (target[keep] == d1).astype(np.float64).reshape(1, -1)
    return pixels, Y


def load_digits(digits=(0, 1)):
    """8×8 手写数字图片（非结构化数据），只取两个数字做二分类。

    读取 scikit-learn 安装包附带的 1797 张图片（不导入 scikit-learn，也不联网），
    选出 ``digits`` 中两个数字的图片，把每张 8×8 图片**按行展开**成长 64 的列向量（笔记里"把图片展平成特征向量"），
    灰度从 0..16 缩放到 [0, 1]。

    Parameters
    ----------
    digits : tuple[int, int], 默认 (0, 1)
        两个不同的数字（0..9）。``Y = 1`` 表示第二个数字，``Y = 0`` 表示第一个。

    Returns
    -------
    X : ndarray, 形状 (64, m)
        每列一张展平的图片，取值在 [0, 1]。第 ``8 * i + j`` 行是第 i 行、第 j 列的像素。
    Y : ndarray, 形状 (1, m)
        0/1 标签（``float64``）。

    Raises
    ------
    ImportError
        没有安装 scikit-learn。

    Examples
    --------
    >>> X, Y = load_digits((0, 1))
    >>> X.shape, int(Y.sum())                   # 178 个 0，182 个 1
    ((64, 360), 182)
    >>> float(X.min()), float(X.max())
    (0.0, 1.0)
    """
    pixels, Y = _digits(digits)
    return np.ascontiguousarray(pixels.T), Y


def load_digits_images(digits=(0, 1)):
    """与 ``load_digits`` 相同的图片，但保持 8×8 的形状，方便 ``imshow`` 显示。

    Parameters
    ----------
    digits : tuple[int, int], 默认 (0, 1)
        两个不同的数字（0..9）。

    Returns
    -------
    images : ndarray, 形状 (m, 8, 8)
        取值在 [0, 1]；``images[k]`` 展平后就是 ``load_digits(digits)[0][:, k]``。
    Y : ndarray, 形状 (1, m)
        与 ``load_digits`` 相同。

    Examples
    --------
    >>> images, Y = load_digits_images((3, 8))
    >>> images.shape, Y.shape
    ((357, 8, 8), (1, 357))
    """
    pixels, Y = _digits(digits)
    return pixels.reshape(-1, 8, 8), Y


def _is_binary_row(Y: np.ndarray) -> bool:
    return Y.shape[0] == 1 and bool(np.all((Y == 0) | (Y == 1)))


def _stratified_test_indices(rng: np.random.Generator, y: np.ndarray, n_test: int) -> np.ndarray:
    """按类别比例分配测试集名额（最大余数法），每类内部随机抽取。"""
    classes = [np.flatnonzero(y == c) for c in (0.0, 1.0)]
    m = y.size
    exact = [n_test * idx.size / m for idx in classes]
    quota = [math.floor(e) for e in exact]
    # 剩下的名额给小数部分最大的类别
    for k in sorted(range(2), key=lambda k: exact[k] - quota[k], reverse=True)[: n_test - sum(quota)]:
        quota[k] += 1
    picked = [rng.permutation(idx)[:q] for idx, q in zip(classes, quota)]
    return np.concatenate(picked)


def train_test_split(X, Y, *, test_size=0.25, seed=0, stratify=None):
    """把样本（列）随机分成训练集和测试集。

    测试集有 ``ceil(test_size * m)`` 列（与 scikit-learn 相同的取整方式），其余是训练集；
    每一列恰好落在其中一个集合里。分层抽样时，两类标签在测试集里的比例与全体相同
    （按最大余数法取整）。结果是新数组，``X`` 的 dtype 保持不变。

    Parameters
    ----------
    X : array_like, 形状 (n_x, m)
        特征，每列一个样本。
    Y : array_like, 形状 (n_y, m)
        标签或回归目标（如 ``make_house_prices`` 的价格），列与 ``X`` 对应。
    test_size : float, 默认 0.25
        测试集所占比例，0 < test_size < 1，且两个集合都不能为空。
    seed : int, 默认 0
        随机种子（>= 0）。
    stratify : bool 或 None, 默认 None
        是否按标签分层。``None`` 表示自动：``Y`` 是一行 0/1 标签时分层，否则不分层。
        ``True`` 时要求 ``Y`` 是一行 0/1 标签。

    Returns
    -------
    X_train : ndarray, 形状 (n_x, m_train)
    Y_train : ndarray, 形状 (n_y, m_train)
    X_test : ndarray, 形状 (n_x, m_test)
    Y_test : ndarray, 形状 (n_y, m_test)
        两个集合内部的列顺序都是随机的。

    Examples
    --------
    >>> X, Y = make_blobs(200)
    >>> X_train, Y_train, X_test, Y_test = train_test_split(X, Y, test_size=0.25)
    >>> X_train.shape, X_test.shape
    ((2, 150), (2, 50))
    >>> int(Y_test.sum())                        # 分层：测试集里两类各占一半
    25
    """
    X = as_array(X, "X", ndim=2)
    Y = as_array(Y, "Y", ndim=2)
    check_same_m("X", X, "Y", Y)
    test_size = as_scalar(test_size, "test_size")
    if not 0 < test_size < 1:
        raise ValueError(f"test_size 应满足 0 < test_size < 1，实际是 {test_size}")
    seed = _check_seed(seed)
    if stratify is not None and not isinstance(stratify, bool):
        raise TypeError(f"stratify 应为 True、False 或 None，实际收到 {type(stratify).__name__}")
    m = X.shape[1]
    n_test = math.ceil(test_size * m)
    if n_test >= m:
        raise ValueError(
            f"m = {m} 个样本按 test_size = {test_size} 划分后训练集为空（测试集 {n_test} 个）；"
            "请减小 test_size 或增加样本"
        )
    binary = _is_binary_row(Y)
    if stratify and not binary:
        raise ValueError(f"stratify=True 要求 Y 是形状 (1, m) 的 0/1 标签，实际形状 {Y.shape}、取值不全是 0/1")
    rng = np.random.default_rng(seed)
    if stratify is None:
        stratify = binary
    if stratify:
        test = _stratified_test_indices(rng, Y[0], n_test)
    else:
        test = rng.permutation(m)[:n_test]
    is_test = np.zeros(m, dtype=bool)
    is_test[test] = True
    test = rng.permutation(test)  # 打乱测试集内部的顺序（分层抽样时各类是连在一起的）
    train = rng.permutation(np.flatnonzero(~is_test))
    return X[:, train], Y[:, train], X[:, test], Y[:, test]


class Standardized(NamedTuple):
    """``standardize`` 的结果。"""

    X_train: np.ndarray  # (n_x, m_train)，每行均值 0、标准差 1
    X_test: np.ndarray | None  # (n_x, m_test)，用训练集的 mean/std 变换；没传 X_test 时为 None
    mean: np.ndarray  # (n_x, 1)，训练集每个特征的均值 μ
    std: np.ndarray  # (n_x, 1)，训练集每个特征的标准差 σ（常数特征记为 1）


def standardize(X_train, X_test=None):
    r"""特征标准化：$x_j \leftarrow (x_j - \mu_j) / \sigma_j$，$\mu, \sigma$ 只用训练集计算。

    每一**行**是一个特征。测试集必须用训练集的 $\mu, \sigma$，否则相当于偷看了测试数据。
    训练集上取值恒定的特征（$\sigma = 0$）把 $\sigma$ 记为 1，标准化后全为 0。
    输入不会被修改；``X_train`` 为 ``float32`` 时结果也是 ``float32``。

    Parameters
    ----------
    X_train : array_like, 形状 (n_x, m_train)
    X_test : array_like, 形状 (n_x, m_test), 可选

    Returns
    -------
    Standardized
        具名元组 ``(X_train, X_test, mean, std)``：标准化后的训练集、测试集（没传时为 ``None``），
        以及形状 ``(n_x, 1)`` 的均值和标准差。

    Examples
    --------
    >>> Xtr = np.array([[1.0, 2.0, 3.0], [5.0, 5.0, 5.0]])
    >>> Xtr_s, Xte_s, mu, sigma = standardize(Xtr, np.array([[4.0], [6.0]]))
    >>> Xtr_s.round(4)
    array([[-1.2247,  0.    ,  1.2247],
           [ 0.    ,  0.    ,  0.    ]])
    >>> Xte_s.round(4), mu.ravel(), sigma.ravel().round(4)
    (array([[2.4495],
           [1.    ]]), array([2., 5.]), array([0.8165, 1.    ]))
    """
    X_train = as_array(X_train, "X_train", ndim=2)
    n_x = X_train.shape[0]
    if X_test is not None:
        X_test = as_array(X_test, "X_test", ndim=2)
        check_shape(X_test, "X_test", (n_x, None), labels=("n_x", "m"))
    # 先按每行的最大绝对值（取 2 的幂，缩放是精确的）缩放，平方时就不会上溢
    maxabs = np.max(np.abs(X_train), axis=1, keepdims=True)
    _, exponent = np.frexp(maxabs)
    scale = np.where(maxabs > 0, np.ldexp(1.0, exponent - 1), 1.0).astype(X_train.dtype)
    Xs = X_train / scale  # |Xs| <= 2
    mean_s = Xs.mean(axis=1, keepdims=True)
    std_s = Xs.std(axis=1, keepdims=True)
    constant = np.max(X_train, axis=1, keepdims=True) == np.min(X_train, axis=1, keepdims=True)
    std_s = np.where(constant, 1.0, std_s).astype(X_train.dtype)
    train = np.where(constant, 0.0, (Xs - mean_s) / std_s).astype(X_train.dtype, copy=False)
    mean = mean_s * scale  # μ
    # σ；只含次正规数的行，σ 换回原单位可能下溢成 0，取最小正数代替
    tiny = np.finfo(X_train.dtype).smallest_subnormal
    std = np.where(constant, 1.0, np.maximum(std_s * scale, tiny)).astype(X_train.dtype)
    test = None if X_test is None else (X_test - mean) / std
    return Standardized(train, test, mean, std)
