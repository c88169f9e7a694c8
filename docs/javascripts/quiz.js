// 练习题：把页面里的 div.quiz 变成可以当场检查的题目（格式见 COMMON.md「Exercises」一节）。
//
//   <div class="quiz" data-kind="choice" data-answer="B">  <ul><li>A. …</li><li>B. …</li></ul>  </div>
//     → 单选题：每个 li 变成一个带标签的单选按钮（方向键在选项间移动），一个「检查」按钮；
//   <div class="quiz" data-kind="number" data-answer="0.1966" data-tol="0.00005"></div>
//     → 填数题：一个带标签的输入框（回车也能检查）和「检查」按钮，差值不超过 data-tol 就算对。
//
// 结果写进 role="status" 的区域（读屏软件会读出「对」或「不对」）；答案折叠（??? success "答案"）
// 从不自动展开。没有 JS 时题目就是一个普通列表。不依赖任何外部资源。
(function () {
  "use strict";

  var RIGHT = "对！";
  var WRONG = "不对，再想想。";
  var counter = 0;

  function uid(prefix) {
    counter += 1;
    return prefix + "-" + counter;
  }

  // 题干：div.quiz 前面最近的段落（「**练习 1**（选择）……」）
  function questionOf(quiz) {
    var prev = quiz.previousElementSibling;
    while (prev && prev.tagName !== "P") {
      if (/^(H[1-6]|DIV|DETAILS)$/.test(prev.tagName)) return null;
      prev = prev.previousElementSibling;
    }
    if (!prev) return null;
    if (!prev.id) prev.id = uid("quiz-q");
    return prev;
  }

  function say(feedback, text, kind) {
    feedback.className = "quiz__feedback" + (kind ? " quiz__feedback--" + kind : "");
    // 先清空再写：同一句话连说两次，读屏软件也会再读一遍
    feedback.textContent = "";
    window.setTimeout(function () {
      feedback.textContent = text;
    }, 30);
  }

  function controls(quiz, onCheck) {
    var button = document.createElement("button");
    button.type = "button";
    button.className = "quiz__check";
    button.textContent = "检查";
    var feedback = document.createElement("p");
    feedback.className = "quiz__feedback";
    feedback.setAttribute("role", "status");
    feedback.setAttribute("aria-live", "polite");
    button.addEventListener("click", function () {
      onCheck(feedback);
    });
    return { button: button, feedback: feedback };
  }

  function setupChoice(quiz) {
    var list = quiz.querySelector(":scope > ul, :scope > ol");
    var answer = (quiz.dataset.answer || "").trim().toUpperCase();
    if (!list || !/^[A-Z]$/.test(answer)) return false;
    var name = uid("quiz");
    var question = questionOf(quiz);
    list.classList.add("quiz__options");
    list.setAttribute("role", "radiogroup");
    if (question) list.setAttribute("aria-labelledby", question.id);
    else list.setAttribute("aria-label", "选项");
    Array.prototype.forEach.call(list.children, function (item) {
      var m = /^\s*([A-Z])\s*[.．、:：]/.exec(item.textContent);
      if (!m) return;
      item.setAttribute("role", "none"); // 列表成了 radiogroup，li 不再是列表项（axe 的 listitem 规则）
      var label = document.createElement("label");
      label.className = "quiz__option";
      var input = document.createElement("input");
      input.type = "radio";
      input.name = name;
      input.value = m[1];
      var text = document.createElement("span");
      while (item.firstChild) text.appendChild(item.firstChild);
      label.appendChild(input);
      label.appendChild(text);
      item.appendChild(label);
    });
    var c = controls(quiz, function (feedback) {
      var chosen = quiz.querySelector("input[name='" + name + "']:checked");
      if (!chosen) say(feedback, "先选一个选项。", "");
      else if (chosen.value === answer) say(feedback, RIGHT, "right");
      else say(feedback, WRONG, "wrong");
    });
    var row = document.createElement("div");
    row.className = "quiz__controls";
    row.appendChild(c.button);
    row.appendChild(c.feedback);
    quiz.appendChild(row);
    return true;
  }

  function parseNumber(text) {
    var s = String(text)
      .trim()
      .replace(/[０-９]/g, function (d) {
        return String.fromCharCode(d.charCodeAt(0) - 0xfee0);
      })
      .replace(/[−－]/g, "-")
      .replace(/[．。]/g, ".")
      .replace(/^＋/, "+");
    if (!/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(s)) return NaN;
    return Number(s);
  }

  function setupNumber(quiz) {
    var answer = Number(quiz.dataset.answer);
    var tol = quiz.dataset.tol === undefined ? 0 : Number(quiz.dataset.tol);
    if (!isFinite(answer) || !isFinite(tol) || tol < 0) return false;
    var question = questionOf(quiz);
    var row = document.createElement("div");
    row.className = "quiz__number quiz__controls";
    var input = document.createElement("input");
    input.type = "text";
    input.inputMode = "decimal";
    input.autocomplete = "off";
    input.spellcheck = false;
    input.className = "quiz__input";
    input.id = uid("quiz-input");
    if (question) input.setAttribute("aria-describedby", question.id);
    var label = document.createElement("label");
    label.htmlFor = input.id;
    label.textContent = "你的答案";
    var c = controls(quiz, function (feedback) {
      var x = parseNumber(input.value);
      if (isNaN(x)) say(feedback, "请输入一个数。", "");
      else if (Math.abs(x - answer) <= tol + 1e-12 * Math.max(1, Math.abs(answer))) say(feedback, RIGHT, "right");
      else say(feedback, WRONG, "wrong");
    });
    input.addEventListener("keydown", function (event) {
      if (event.key === "Enter") {
        event.preventDefault();
        c.button.click();
      }
    });
    row.appendChild(label);
    row.appendChild(input);
    row.appendChild(c.button);
    row.appendChild(c.feedback);
    quiz.appendChild(row);
    return true;
  }

  function init() {
    var quizzes = document.querySelectorAll("div.quiz:not(.quiz--ready)");
    Array.prototype.forEach.call(quizzes, function (quiz) {
      var kind = quiz.dataset.kind;
      var ok = kind === "choice" ? setupChoice(quiz) : kind === "number" ? setupNumber(quiz) : false;
      if (ok) quiz.classList.add("quiz--ready");
    });
  }

  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(init); // Material：首次加载和 instant 导航换页后都会触发
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
