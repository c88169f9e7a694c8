"""交互图的数据脚本 ``docs/widgets/*.py``：``build()`` 的结构，以及数据确实来自 dlnotes 的真实运行。

每个脚本的 ``build()`` 只运行一次（模块级夹具）；然后抽几次运行，用 dlnotes 直接重算，
与数据逐项比较（数据里的数字按脚本的位数取整，所以比较的容差就是取整的半个单位）。
"""

from __future__ import annotations

import gzip
import importlib.util
import json
import math
from pathlib import Path

import numpy as np
import pytest

from dlnotes.datasets import load_digits, make_flower, train_test_split
from dlnotes.deep import L_layer_model
from dlnotes.deep import predict as deep_predict
from dlnotes.logistic import gradient_descent_path
from dlnotes.losses import logistic_loss_from_logits
from dlnotes.shallow import nn_model
from dlnotes.shallow import predict as shallow_predict

WIDGETS = Path(__file__).resolve().parents[1] / "docs" / "widgets"
MAX_GZIP_BYTES = 150_000


def load(name: str):
    spec = importlib.util.spec_from_file_location(f"_widget_{name}", WIDGETS / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def built():
    """{name: (module, data)}：每个脚本 build() 一次，并确认能写成 JSON（没有 NaN）。"""
    out = {}
    for script in sorted(WIDGETS.glob("*.py")):
        module = load(script.stem)
        data = module.build()
        text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
        assert json.loads(text) == data, f"{script.name}: build() 的结果经 JSON 往返后变了"
        out[script.stem] = (module, data)
    return out


def test_every_widget_script_is_known_and_small(built):
    assert set(built) == {"gradient_descent", "flower_hidden_units", "deep_learning_rates"}
    for name, (_, data) in built.items():
        assert data["widget"] == name
        size = len(gzip.compress(json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode(), 9))
        assert size <= MAX_GZIP_BYTES, f"{name}: gzip 后 {size} 字节"


def test_build_is_deterministic():
    mod = load("gradient_descent")
    assert json.dumps(mod.build()) == json.dumps(mod.build())


# ---------------------------------------------------------------- 1. 梯度下降
def test_gradient_descent_structure(built):
    mod, d = built["gradient_descent"]
    T = d["num_iterations"]
    assert len(d["rates"]) >= 6 and len(d["starts"]) >= 4
    assert len(d["runs"]) == len(d["rates"]) * len(d["starts"])
    assert {(r["rate"], tuple(r["start"])) for r in d["runs"]} == {
        (a, tuple(s)) for a in d["rates"] for s in d["starts"]}
    for r in d["runs"]:
        assert len(r["w"]) == len(r["b"]) == len(r["cost"]) == T + 1
        assert [r["w"][0], r["b"][0]] == r["start"]
    levels = [b["lo"] for b in d["bands"]] + [d["bands"][-1]["hi"]]
    assert levels == sorted(levels) and levels[0] == d["minimum"]["cost"]
    for band in d["bands"]:
        for ring in band["rings"]:
            assert len(ring) % 2 == 0 and len(ring) >= 6
            ws, bs = ring[0::2], ring[1::2]
            assert d["w_range"][0] - 0.01 <= min(ws) and max(ws) <= d["w_range"][1] + 0.01
            assert d["b_range"][0] - 0.01 <= min(bs) and max(bs) <= d["b_range"][1] + 0.01


@pytest.mark.parametrize("pick", [0, -1])  # 最小与最大的学习率
def test_gradient_descent_runs_are_real(built, pick):
    mod, d = built["gradient_descent"]
    x, Y = mod.data()
    alpha = d["rates"][pick]
    for w0, b0 in d["starts"][:2]:
        run = next(r for r in d["runs"] if r["rate"] == alpha and r["start"] == [w0, b0])
        path = gradient_descent_path(np.array([[w0]]), b0, x, Y, num_iterations=d["num_iterations"],
                                     learning_rate=alpha)
        np.testing.assert_allclose(run["w"], path["w"][:, 0], atol=5e-4)
        np.testing.assert_allclose(run["b"], path["b"], atol=5e-4)
        np.testing.assert_allclose(run["cost"], path["cost"], atol=5e-5)
        # 最后一步的代价 = 在 (w, b) 处直接算的 J
        J = float(np.mean(logistic_loss_from_logits(path["w"][-1, 0] * x + path["b"][-1], Y)))
        assert math.isclose(run["cost"][-1], J, abs_tol=5e-5)


def test_gradient_descent_minimum_is_the_lowest_cost(built):
    mod, d = built["gradient_descent"]
    x, Y = mod.data()
    mn = d["minimum"]
    grid = np.linspace(-0.05, 0.05, 5)
    for dw in grid:
        for db in grid:
            J = float(np.mean(logistic_loss_from_logits((mn["w"] + dw) * x + mn["b"] + db, Y)))
            assert J >= mn["cost"] - 5e-5
    for r in d["runs"]:
        assert min(r["cost"]) >= mn["cost"] - 5e-5


# ---------------------------------------------------------------- 2. 花朵数据
def test_flower_structure(built):
    mod, d = built["flower_hidden_units"]
    assert d["hidden_sizes"] == [1, 2, 3, 4, 5, 20, 50]
    assert len(d["snapshots"]) >= 4 and d["snapshots"] == sorted(d["snapshots"])
    assert len(d["runs"]) == len(d["hidden_sizes"]) * len(d["snapshots"])
    N = d["grid_size"]
    for r in d["runs"]:
        assert len(r["grid"]) == N and all(len(row) == N and set(row) <= {"0", "1"} for row in r["grid"])
        assert 0 <= r["accuracy"] <= 1 and 0 <= r["test_accuracy"] <= 1
    X, Y = make_flower()
    assert d["points"]["y"] == [int(v) for v in Y[0]]
    np.testing.assert_allclose(d["points"]["x1"], X[0], atol=5e-3)
    assert d["test_seed"] != 1  # 新数据与训练数据（make_flower 的默认种子 1）不同


def test_flower_shows_overfitting_forming(built):
    """最大的网络训练到最后：训练集准确率最高，新数据上的准确率却比它的最好成绩低。"""
    _, d = built["flower_hidden_units"]
    big = sorted((r for r in d["runs"] if r["n_h"] == max(d["hidden_sizes"])), key=lambda r: r["iterations"])
    assert big[-1]["accuracy"] == max(r["accuracy"] for r in big)
    assert big[-1]["test_accuracy"] < max(r["test_accuracy"] for r in big)


@pytest.mark.parametrize("n_h, iterations", [(4, 5000), (50, 300)])
def test_flower_runs_are_real(built, n_h, iterations):
    mod, d = built["flower_hidden_units"]
    X, Y = make_flower()
    params, _ = nn_model(X, Y, n_h, num_iterations=iterations, learning_rate=d["learning_rate"])
    run = next(r for r in d["runs"] if r["n_h"] == n_h and r["iterations"] == iterations)
    assert run["accuracy"] == round(float(np.mean(shallow_predict(params, X) == Y)), 4)
    X_test, Y_test = make_flower(seed=d["test_seed"])
    assert run["test_accuracy"] == round(float(np.mean(shallow_predict(params, X_test) == Y_test)), 4)
    grid = shallow_predict(params, mod.grid_points()).reshape(d["grid_size"], d["grid_size"]).astype(int)
    assert run["grid"] == ["".join(map(str, row)) for row in grid]


def test_flower_grid_points_cover_the_data_top_row_first(built):
    mod, d = built["flower_hidden_units"]
    G = mod.grid_points()
    N, L = d["grid_size"], d["limit"]
    assert G.shape == (2, N * N)
    assert G[0, 0] < G[0, N - 1] and G[1, 0] > G[1, -1]  # 第一行在上（x2 大），从左到右
    X, _ = make_flower()
    assert np.abs(X).max() < L


# ---------------------------------------------------------------- 3. 学习率
def test_deep_learning_rates_structure(built):
    _, d = built["deep_learning_rates"]
    assert len(d["rates"]) >= 4 and d["rates"] == sorted(d["rates"])
    assert [r["rate"] for r in d["runs"]] == d["rates"]
    for r in d["runs"]:
        assert len(r["cost"]) == d["num_iterations"]
        assert 0 <= r["train_accuracy"] <= 1 and 0 <= r["test_accuracy"] <= 1
    # 所有学习率同一个起点（同一个种子）：第 0 次的代价相同
    assert len({r["cost"][0] for r in d["runs"]}) == 1


@pytest.mark.parametrize("pick", [0, 3, -1])
def test_deep_learning_rate_runs_are_real(built, pick):
    mod, d = built["deep_learning_rates"]
    X, Y = load_digits(tuple(d["digits"]))
    X_train, Y_train, X_test, Y_test = train_test_split(X, Y, test_size=0.3, seed=0)
    run = d["runs"][pick]
    params, costs = L_layer_model(X_train, Y_train, d["layer_dims"], learning_rate=run["rate"],
                                  num_iterations=d["num_iterations"], record_every=1)
    np.testing.assert_allclose(run["cost"], costs, atol=5e-5)
    assert run["train_accuracy"] == round(float(np.mean(deep_predict(params, X_train) == Y_train)), 4)
    assert run["test_accuracy"] == round(float(np.mean(deep_predict(params, X_test) == Y_test)), 4)
