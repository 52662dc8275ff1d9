// Send the reader to the guide in the browser's language. The links on the page do the
// same job without JavaScript; a browser language the guide lacks stays on this page.
(function () {
  var links = document.querySelectorAll("a[data-languages]");
  var wanted = navigator.languages || [navigator.language];
  for (var i = 0; i < wanted.length; i++) {
    var primary = String(wanted[i]).toLowerCase().split("-")[0];
    for (var j = 0; j < links.length; j++) {
      if (links[j].getAttribute("data-languages").split(" ").indexOf(primary) >= 0) {
        window.location.replace(links[j].href);
        return;
      }
    }
  }
})();
