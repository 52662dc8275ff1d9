// Printing shows everything: revealed-on-request parts (<details>) open before printing.
window.addEventListener("beforeprint", function () {
  document.querySelectorAll("details").forEach(function (details) { details.open = true; });
});
