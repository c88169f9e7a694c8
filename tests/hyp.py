"""hypothesis 的运行方式：一处决定，所有性质测试共用。

- 默认（本地开发）：随机种子，每个测试用它自己 ``examples(n)`` 的 n 个例子；
- ``CI`` 环境变量存在时：``ci`` 配置，去随机化（``derandomize=True``），每次运行同样的例子，
  CI 的结果不取决于运气；
- ``HYPOTHESIS_PROFILE=thorough``：每个测试的例子数乘以 ``THOROUGH_FACTOR``，
  偶尔在本地跑一次，找出幸运的种子藏起来的问题。

测试写 ``@settings(max_examples=examples(40), deadline=None)``：40 是这个测试平时的预算。
"""

from __future__ import annotations

import os

from hypothesis import settings

THOROUGH_FACTOR = 25

settings.register_profile("dev", deadline=None)
settings.register_profile("ci", deadline=None, derandomize=True, database=None, print_blob=True)
settings.register_profile("thorough", deadline=None)

PROFILE = os.environ.get("HYPOTHESIS_PROFILE") or ("ci" if os.environ.get("CI") else "dev")
if PROFILE not in ("dev", "ci", "thorough"):
    raise ValueError(f"HYPOTHESIS_PROFILE 应为 'dev'、'ci' 或 'thorough'，实际是 {PROFILE!r}")
settings.load_profile(PROFILE)


def examples(n: int) -> int:
    """这个测试的例子数：平时是 n，``thorough`` 配置下是 n × THOROUGH_FACTOR。"""
    return n * THOROUGH_FACTOR if PROFILE == "thorough" else n
