"""dlnotes 的基准测试：同一次运行里测参照与被测对象，报告比值（不是测试，没有计时断言）。

运行全部：``python -m benchmarks``（等同 ``python benchmarks/run_all.py``），结果写入
``benchmarks/out/results.json`` 并打印 Markdown 表格。各脚本也可以单独运行，见 README.md。
"""
