"""``python -m benchmarks``：运行全部基准，同 ``python benchmarks/run_all.py``。"""

from benchmarks.run_all import main

raise SystemExit(main())
