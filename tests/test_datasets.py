"""dlnotes.datasets 的测试：形状、确定性、几何性质、真实数据、划分与标准化。

对照（oracle）尽量与实现无关：scikit-learn 的分类器/StandardScaler/train_test_split、
正态分布的闭式准确率、花瓣曲线的几何关系、scikit-learn 原始数据。
"""

from __future__ import annotations

import importlib.machinery
import importlib.util
import math
import subprocess
import sys

import numpy as np
import pytest
import sklearn.datasets
from hyp import examples
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp
from sklearn.linear_model import LogisticRegression
from sklearn.neighbors import KNeighborsClassifier

from dlnotes import datasets as ds
from dlnotes.datasets import (
    load_breast_cancer,
    load_digits,
    load_digits_images,
    make_blobs,
    make_flower,
    make_house_prices,
    standardize,
    train_test_split,
)

GENERATORS = [make_blobs, make_flower]


# ---- 合成分类数据：形状、类型、平衡、确定性 ----------------------------------------


@pytest.mark.parametrize("make", GENERATORS)
@pytest.mark.parametrize("m", [2, 3, 101, 400])
def test_shapes_dtypes_balance(make, m):
    X, Y = make(m)
    assert X.shape == (2, m) and Y.shape == (1, m)
    assert X.dtype == np.float64 and Y.dtype == np.float64
    assert np.all(np.isfinite(X))
    assert set(np.unique(Y)) <= {0.0, 1.0}
    assert Y.sum() == m // 2  # 类别 1 有 m // 2 个，类别 0 有 m − m // 2 个


@pytest.mark.parametrize("make", GENERATORS)
def test_determinism(make):
    X1, Y1 = make(100, seed=3)
    X2, Y2 = make(100, seed=3)
    np.testing.assert_array_equal(X1, X2)
    np.testing.assert_array_equal(Y1, Y2)
    X3, _ = make(100, seed=4)
    assert not np.array_equal(X1, X3)


def test_blobs_bayes_accuracy_matches_normal_cdf():
    # 两团中心在 ±(d/2)(1,1)/√2：最优分类器是 x1 + x2 > 0，准确率 Φ(d / 2σ)
    for distance, std in [(4.0, 1.0), (2.0, 1.0), (3.0, 2.0)]:
        X, Y = make_blobs(20000, seed=5, distance=distance, std=std)
        pred = (X[0] + X[1] > 0).astype(float)
        acc = np.mean(pred == Y[0])
        phi = 0.5 * (1 + math.erf(distance / (2 * std) / math.sqrt(2)))
        assert acc == pytest.approx(phi, abs=0.01)
        # 每类的均值和标准差
        for label, sign in [(0.0, -1), (1.0, 1)]:
            pts = X[:, Y[0] == label]
            np.testing.assert_allclose(pts.mean(axis=1), sign * distance / 2 / math.sqrt(2), atol=0.05 * std)
            np.testing.assert_allclose(pts.std(axis=1), std, rtol=0.05)


def test_flower_not_linearly_separable_but_blobs_are():
    # 用 scikit-learn 的逻辑回归（与本项目实现无关）在测试集上评估
    for seed in range(3):
        X, Y = make_flower(seed=seed)
        Xtr, Ytr, Xte, Yte = train_test_split(X, Y, seed=seed)
        linear = LogisticRegression().fit(Xtr.T, Ytr[0]).score(Xte.T, Yte[0])
        knn = KNeighborsClassifier(5).fit(Xtr.T, Ytr[0]).score(Xte.T, Yte[0])
        assert linear < 0.65  # 直线只比瞎猜（0.5）好一点
        assert knn > 0.75 and knn - linear > 0.2  # 但数据本身是可学的（非线性分类器能分开）
        X, Y = make_blobs(seed=seed)
        Xtr, Ytr, Xte, Yte = train_test_split(X, Y, seed=seed)
        assert LogisticRegression().fit(Xtr.T, Ytr[0]).score(Xte.T, Yte[0]) > 0.93


@pytest.mark.parametrize("petals", [2, 4, 6])
def test_flower_geometry_without_noise(petals):
    # 无噪声时点 (r sin t, r cos t) 满足 |点| = 4 |sin(petals·θ)|，θ 为点的极角（从 y 轴量起）；
    # petals 为偶数时 sin(petals·(θ+π)) = sin(petals·θ)，所以 r < 0 的点也成立
    X, Y = make_flower(300, petals=petals, noise=0.0)
    radius = np.hypot(X[0], X[1])
    theta = np.arctan2(X[0], X[1])
    np.testing.assert_allclose(radius, 4 * np.abs(np.sin(petals * theta)), atol=1e-9)
    assert radius.max() <= 4 + 1e-12


# ---- 房价 ------------------------------------------------------------------------


def test_house_prices_shape_units_and_relu_trend():
    size, price = make_house_prices()
    assert size.shape == price.shape == (1, 50)
    assert size.dtype == price.dtype == np.float64

    size, price = make_house_prices(4000, seed=7)
    lo, hi = ds.HOUSE_SIZE_RANGE
    assert lo <= size.min() and size.max() <= hi
    assert price.min() == 0.0 and not np.any(np.signbit(price))  # 没有负价格，也没有 −0.0
    np.testing.assert_allclose(size * 10, np.round(size * 10), atol=1e-6)  # 一位小数
    np.testing.assert_allclose(price * 10, np.round(price * 10), atol=1e-6)
    knee, slope, noise = ds.HOUSE_PRICE_KNEE, ds.HOUSE_PRICE_SLOPE, ds.HOUSE_PRICE_NOISE
    # 拐点左侧远处（趋势 <= −2σ）几乎全为 0
    far_left = size < knee - 2 * noise / slope
    assert np.mean(price[far_left] == 0) > 0.9
    # 拐点右侧远处（趋势 >= 4σ）ReLU 不起作用，最小二乘直线应恢复斜率和截距
    right = size > knee + 4 * noise / slope
    fit_slope, fit_intercept = np.polyfit(size[right], price[right], 1)
    assert fit_slope == pytest.approx(slope, rel=0.03)
    assert -fit_intercept / fit_slope == pytest.approx(knee, abs=3)
    resid = price[right] - (fit_slope * size[right] + fit_intercept)
    assert resid.std() == pytest.approx(noise, rel=0.1)


def test_house_prices_determinism():
    a = make_house_prices(30, seed=2)
    b = make_house_prices(30, seed=2)
    c = make_house_prices(30, seed=3)
    for u, v in zip(a, b):
        np.testing.assert_array_equal(u, v)
    assert not np.array_equal(a[0], c[0])


# ---- 真实数据 --------------------------------------------------------------------


def test_breast_cancer_matches_sklearn():
    X, Y, names = load_breast_cancer()
    assert X.shape == (30, 569) and Y.shape == (1, 569)
    assert X.dtype == Y.dtype == np.float64
    assert int(Y.sum()) == 212  # 212 例恶性（Y = 1），357 例良性
    assert len(names) == 30 and all(isinstance(n, str) for n in names)
    raw = sklearn.datasets.load_breast_cancer()
    np.testing.assert_array_equal(X, raw.data.T)
    np.testing.assert_array_equal(Y[0], raw.target == 0)  # sklearn: 0 = malignant
    assert list(raw.target_names) == ["malignant", "benign"]
    assert names == list(raw.feature_names)
    # 返回的是新数组：修改它不影响下一次加载
    X[0, 0] = -1.0
    assert load_breast_cancer()[0][0, 0] == raw.data[0, 0]


def test_digits_zero_vs_one():
    X, Y = load_digits()
    assert X.shape == (64, 360) and Y.shape == (1, 360)
    assert X.dtype == Y.dtype == np.float64
    assert int(Y.sum()) == 182 and int((Y == 0).sum()) == 178
    assert X.min() == 0.0 and X.max() == 1.0
    np.testing.assert_allclose(X * 16, np.round(X * 16), atol=1e-12)  # 原始灰度 0..16

    raw = sklearn.datasets.load_digits()
    keep = (raw.target == 0) | (raw.target == 1)
    np.testing.assert_array_equal(X, raw.images[keep].reshape(-1, 64).T / 16)  # 逐位相同
    np.testing.assert_array_equal(Y[0], raw.target[keep] == 1)


def test_digits_other_pairs_and_images():
    raw = sklearn.datasets.load_digits()
    X, Y = load_digits((7, 2))
    m = int(np.isin(raw.target, [2, 7]).sum())
    assert X.shape == (64, m)
    assert int(Y.sum()) == int((raw.target == 2).sum())  # Y = 1 表示第二个数字
    X10, Y10 = load_digits([1, 0])
    X01, Y01 = load_digits((0, 1))
    np.testing.assert_array_equal(X10, X01)
    np.testing.assert_array_equal(Y10, 1 - Y01)
    images, Yi = load_digits_images((7, 2))
    assert images.shape == (m, 8, 8)
    np.testing.assert_array_equal(Yi, Y)
    np.testing.assert_array_equal(images.reshape(m, 64).T, X)
    np.testing.assert_array_equal(images, raw.images[np.isin(raw.target, [2, 7])] / 16)


@pytest.mark.parametrize(
    "digits, exc",
    [
        ((0, 0), ValueError),
        ((0, 10), ValueError),
        ((-1, 2), ValueError),
        ((0,), TypeError),
        ((0, 1, 2), TypeError),
        ("01", TypeError),
        (None, TypeError),
        ((0, 1.0), TypeError),
        ((True, 2), TypeError),
    ],
)
def test_digits_bad_input(digits, exc):
    with pytest.raises(exc):
        load_digits(digits)
    with pytest.raises(exc):
        load_digits_images(digits)


def test_missing_sklearn_gives_install_hint(monkeypatch):
    monkeypatch.setitem(sys.modules, "sklearn", None)  # 让 import sklearn 失败
    for loader in (load_breast_cancer, load_digits, load_digits_images):
        with pytest.raises(ImportError, match=r"需要 scikit-learn：pip install scikit-learn"):
            loader()
    make_blobs()  # 合成数据不需要 scikit-learn


def test_real_data_loaders_do_not_import_sklearn():
    # 在全新的解释器里加载两份真实数据：只读 sklearn 安装目录里的文件，不执行 sklearn/__init__.py
    code = (
        "import sys\n"
        "from dlnotes.datasets import load_breast_cancer, load_digits, load_digits_images\n"
        "load_breast_cancer(); load_digits(); load_digits_images((3, 8))\n"
        "print(sorted(m for m in sys.modules if m == 'sklearn' or m.startswith('sklearn.')))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_data_file_missing_or_changed(monkeypatch, tmp_path):
    # sklearn 装了、但数据文件不在预期位置（比如将来的版本换了目录）：清楚的 ImportError，带路径
    spec = importlib.util.find_spec("sklearn")
    fake = importlib.machinery.ModuleSpec("sklearn", None, is_package=True)
    fake.submodule_search_locations = [str(tmp_path)]
    monkeypatch.setattr(ds.importlib.util, "find_spec", lambda name: fake if name == "sklearn" else spec)
    with pytest.raises(ImportError, match="找不到数据文件 .*breast_cancer.csv"):
        load_breast_cancer()
    with pytest.raises(ImportError, match="找不到数据文件 .*digits.csv.gz"):
        load_digits()
    # 文件在，但类别顺序变了：拒绝而不是悄悄把标签弄反
    (tmp_path / "datasets" / "data").mkdir(parents=True)
    (tmp_path / "datasets" / "data" / "breast_cancer.csv").write_text("1,2,benign,malignant\n1.0,2.0,0\n")
    with pytest.raises(ValueError, match="malignant"):
        load_breast_cancer()


# ---- train_test_split ------------------------------------------------------------


def _ids_data(m: int, n_x: int = 3, dtype=np.float64):
    """第 0 行是样本编号，方便检查划分；Y 由编号决定，方便检查对齐。"""
    X = np.vstack([np.arange(m), np.random.default_rng(0).normal(size=(n_x - 1, m))]).astype(dtype)
    Y = (np.arange(m) % 3 == 0).astype(float).reshape(1, -1)
    return X, Y


@settings(max_examples=examples(60), deadline=None)
@given(
    m=st.integers(2, 300),
    test_size=st.floats(0.01, 0.99),
    seed=st.integers(0, 2**32),
    stratify=st.sampled_from([None, True, False]),
)
def test_split_partitions_columns_exactly(m, test_size, seed, stratify):
    X, Y = _ids_data(m)
    n_test = math.ceil(test_size * m)
    if n_test >= m:
        with pytest.raises(ValueError, match="训练集为空"):
            train_test_split(X, Y, test_size=test_size, seed=seed, stratify=stratify)
        return
    Xtr, Ytr, Xte, Yte = train_test_split(X, Y, test_size=test_size, seed=seed, stratify=stratify)
    ids = np.concatenate([Xtr[0], Xte[0]])
    np.testing.assert_array_equal(np.sort(ids), np.arange(m))  # 每列恰好一次
    # 测试集大小与 scikit-learn 的取整方式相同（独立对照）
    from sklearn.model_selection import train_test_split as sk_split

    _, sk_test = sk_split(np.arange(m), test_size=test_size, random_state=0)
    assert Xte.shape == (3, len(sk_test)) and Xtr.shape == (3, m - len(sk_test))
    # X 与 Y 的列仍然对应
    np.testing.assert_array_equal(Ytr[0], Xtr[0] % 3 == 0)
    np.testing.assert_array_equal(Yte[0], Xte[0] % 3 == 0)
    if stratify is not False:
        # 分层：测试集里类别 1 的个数与按比例的期望值相差不到 1
        expected = n_test * Y.sum() / m
        assert abs(Yte.sum() - expected) < 1


def test_split_stratified_breast_cancer_and_determinism():
    X, Y, _ = load_breast_cancer()
    a = train_test_split(X, Y, test_size=0.2, seed=1)
    b = train_test_split(X, Y, test_size=0.2, seed=1)
    c = train_test_split(X, Y, test_size=0.2, seed=2)
    for u, v in zip(a, b):
        np.testing.assert_array_equal(u, v)
    assert not np.array_equal(a[2], c[2])
    Xtr, Ytr, Xte, Yte = a
    assert Xte.shape == (30, 114) and Xtr.shape == (30, 455)
    assert Yte.mean() == pytest.approx(Y.mean(), abs=1 / 114)
    assert Ytr.mean() == pytest.approx(Y.mean(), abs=1 / 455)


def test_split_keeps_dtype_and_does_not_modify_input():
    X, Y = _ids_data(40, dtype=np.float32)
    X0, Y0 = X.copy(), Y.copy()
    Xtr, Ytr, Xte, Yte = train_test_split(X, Y)
    assert Xtr.dtype == Xte.dtype == np.float32
    np.testing.assert_array_equal(X, X0)
    np.testing.assert_array_equal(Y, Y0)
    assert not np.shares_memory(Xtr, X)


def test_split_regression_targets():
    size, price = make_house_prices(50)
    Xtr, Ytr, Xte, Yte = train_test_split(size, price)  # 价格不是 0/1：自动不分层
    assert Xte.shape == Yte.shape == (1, 13)
    with pytest.raises(ValueError, match="stratify=True"):
        train_test_split(size, price, stratify=True)


@pytest.mark.parametrize(
    "kwargs, exc, match",
    [
        ({"test_size": 0.0}, ValueError, "test_size"),
        ({"test_size": 1.0}, ValueError, "test_size"),
        ({"test_size": -0.2}, ValueError, "test_size"),
        ({"test_size": float("nan")}, ValueError, "test_size"),
        ({"test_size": "0.2"}, TypeError, "test_size"),
        ({"seed": -1}, ValueError, "seed"),
        ({"seed": 1.5}, TypeError, "seed"),
        ({"stratify": "yes"}, TypeError, "stratify"),
    ],
)
def test_split_bad_arguments(kwargs, exc, match):
    X, Y = _ids_data(20)
    with pytest.raises(exc, match=match):
        train_test_split(X, Y, **kwargs)


def test_split_bad_arrays():
    X, Y = _ids_data(20)
    with pytest.raises(ValueError, match="样本数 m 应相同"):
        train_test_split(X, Y[:, :10])
    with pytest.raises(ValueError, match="2 维"):
        train_test_split(X[0], Y)
    with pytest.raises(ValueError, match="NaN"):
        train_test_split(np.where(X == 3, np.nan, X), Y)
    with pytest.raises(ValueError, match="训练集为空"):
        train_test_split(X[:, :2], Y[:, :2], test_size=0.9)
    with pytest.raises(TypeError):
        train_test_split("X", Y)


# ---- standardize -----------------------------------------------------------------


def test_standardize_matches_sklearn_scaler():
    from sklearn.preprocessing import StandardScaler

    X, Y, _ = load_breast_cancer()
    Xtr, _, Xte, _ = train_test_split(X, Y, seed=0)
    res = standardize(Xtr, Xte)
    scaler = StandardScaler().fit(Xtr.T)
    np.testing.assert_allclose(res.X_train, scaler.transform(Xtr.T).T, atol=1e-12)
    np.testing.assert_allclose(res.X_test, scaler.transform(Xte.T).T, atol=1e-12)
    np.testing.assert_allclose(res.mean[:, 0], scaler.mean_, rtol=1e-13)
    np.testing.assert_allclose(res.std[:, 0], scaler.scale_, rtol=1e-13)
    assert res.mean.shape == res.std.shape == (30, 1)


def test_standardize_constant_feature_and_no_test():
    X = np.array([[1.0, 2.0, 3.0, 4.0], [7.0, 7.0, 7.0, 7.0], [0.1, 0.1, 0.1, 0.1]])
    X0 = X.copy()
    Xs, Xt, mu, sigma = standardize(X)
    assert Xt is None
    np.testing.assert_array_equal(Xs[1:], 0.0)
    np.testing.assert_array_equal(sigma[1:, 0], 1.0)
    np.testing.assert_allclose(mu[:, 0], [2.5, 7.0, 0.1])
    np.testing.assert_array_equal(X, X0)  # 输入没被修改
    # 测试集上的常数特征按训练集的 μ、σ = 1 平移
    _, Xt, _, _ = standardize(X, np.array([[2.5], [8.0], [0.1]]))
    np.testing.assert_allclose(Xt[:, 0], [0.0, 1.0, 0.0], atol=1e-15)


def test_standardize_keeps_float32():
    X = np.random.default_rng(0).normal(5, 3, size=(4, 50)).astype(np.float32)
    res = standardize(X, X[:, :5])
    assert res.X_train.dtype == res.mean.dtype == res.std.dtype == np.float32
    np.testing.assert_allclose(res.X_train.mean(axis=1), 0, atol=1e-5)
    np.testing.assert_allclose(res.X_train.std(axis=1), 1, rtol=1e-5)


@settings(max_examples=examples(80), deadline=None)
@given(
    hnp.arrays(
        np.float64,
        st.tuples(st.integers(1, 4), st.integers(2, 20)),
        elements=st.floats(-1e300, 1e300, allow_nan=False, allow_infinity=False),
    )
)
def test_standardize_extreme_values_no_overflow(X):
    # filterwarnings = error：平方上溢会产生 RuntimeWarning 并让测试失败
    Xs, _, mu, sigma = standardize(X)
    assert np.all(np.isfinite(Xs)) and np.all(np.isfinite(mu)) and np.all(sigma > 0)
    varying = X.max(axis=1) > X.min(axis=1)
    # 用与实现无关的方式核对：先除以每行最大绝对值再算均值和标准差
    scaled = X[varying] / np.abs(X[varying]).max(axis=1, keepdims=True)
    ref = (scaled - scaled.mean(axis=1, keepdims=True)) / scaled.std(axis=1, keepdims=True)
    np.testing.assert_allclose(Xs[varying], ref, atol=1e-6)
    np.testing.assert_array_equal(Xs[~varying], 0.0)


def test_standardize_bad_input():
    X = np.ones((3, 5))
    with pytest.raises(ValueError, match=r"X_test 的形状应为 \(n_x, m\) = \(3, m\)"):
        standardize(X, np.ones((2, 5)))
    with pytest.raises(ValueError, match="2 维"):
        standardize(np.ones(5))
    with pytest.raises(ValueError, match="inf"):
        standardize(X, np.full((3, 1), np.inf))
    with pytest.raises(TypeError):
        standardize(None)
    with pytest.raises(ValueError, match="空"):
        standardize(np.ones((3, 0)))


# ---- 生成器的参数检查 ------------------------------------------------------------


@pytest.mark.parametrize(
    "call, exc, match",
    [
        (lambda: make_blobs(1), ValueError, "m 应为 >= 2"),
        (lambda: make_blobs(0), ValueError, "m"),
        (lambda: make_blobs(10.0), TypeError, "m 应为整数"),
        (lambda: make_blobs(True), TypeError, "m"),
        (lambda: make_blobs("10"), TypeError, "m"),
        (lambda: make_blobs(seed=-1), ValueError, "seed"),
        (lambda: make_blobs(seed=None), TypeError, "seed"),
        (lambda: make_blobs(distance=-1.0), ValueError, "distance"),
        (lambda: make_blobs(std=0.0), ValueError, "std"),
        (lambda: make_blobs(std=float("nan")), ValueError, "std"),
        (lambda: make_flower(1), ValueError, "m"),
        (lambda: make_flower(petals=3), ValueError, "偶数"),
        (lambda: make_flower(petals=0), ValueError, "petals"),
        (lambda: make_flower(petals=4.0), TypeError, "petals"),
        (lambda: make_flower(noise=-0.1), ValueError, "noise"),
        (lambda: make_flower(seed=1.0), TypeError, "seed"),
        (lambda: make_house_prices(0), ValueError, "m"),
        (lambda: make_house_prices(seed="0"), TypeError, "seed"),
    ],
)
def test_generator_bad_input(call, exc, match):
    with pytest.raises(exc, match=match):
        call()


def test_numpy_integer_arguments_accepted():
    X, Y = make_blobs(np.int64(10), seed=np.int32(2))
    X2, Y2 = make_blobs(10, seed=2)
    np.testing.assert_array_equal(X, X2)
