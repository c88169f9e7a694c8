// MathJax 3 的配置：必须在 assets/mathjax/tex-chtml.js 之前加载。
// MathJax 文件由 docs/hooks/figures.py 从已安装的 django-static-mathjax 包复制进站点，不走 CDN。
window.MathJax = {
  tex: {
    inlineMath: [["\\(", "\\)"], ["$", "$"]],
    displayMath: [["\\[", "\\]"], ["$$", "$$"]],
    processEscapes: true,
    processEnvironments: true,
  },
  options: {
    // 正文（.md-typeset）里只处理 arithmatex 生成的公式和 notebook 里 Markdown 单元的输出；
    // 这两类元素里不带 class 的子元素（如 notebook 的 <p>）不匹配 ignoreHtmlClass，会被处理
    ignoreHtmlClass: "md-typeset|tex2jax_ignore",
    processHtmlClass: "arithmatex|jp-MarkdownOutput|jp-RenderedMarkdown",
  },
  startup: {
    typeset: false,
  },
};

// Material 的 instant 导航不会重新加载页面，所以每次换页都要重新排版公式
document$.subscribe(() => {
  MathJax.startup.promise.then(() => {
    MathJax.startup.output.clearCache();
    MathJax.typesetClear();
    MathJax.texReset();
    return MathJax.typesetPromise();
  });
});
