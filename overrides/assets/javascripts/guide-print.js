// Printing shows everything: revealed-on-request parts (<details>) open before printing.
window.addEventListener("beforeprint", function () {
  document.querySelectorAll("details").forEach(function (details) { details.open = true; });
});

// A page's print buttons (hidden without JavaScript, where the browser's own print remains).
document.querySelectorAll("button[data-print]").forEach(function (button) {
  button.hidden = false;
  button.addEventListener("click", function () { window.print(); });
});
