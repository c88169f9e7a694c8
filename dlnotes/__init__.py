"""dlnotes：深度学习入门笔记里每个公式背后的 numpy 实现。"""

__version__ = "0.1.0"
