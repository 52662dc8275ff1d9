// A page whose next review date has passed since it was built tells the reader so
// (a page already past it at the build shows the notice without JavaScript).
document.addEventListener("DOMContentLoaded", function () {
  var today = new Date().toISOString().slice(0, 10);
  document.querySelectorAll(".guide-overdue[data-next-review]").forEach(function (note) {
    if (note.dataset.nextReview < today) { note.hidden = false; }
  });
});
