// The dashboard's live activity feed: server-sent events prepended to the list the page already shows.
(function () {
  var list = document.getElementById("feed");
  if (!list || !window.EventSource) { return; }
  var source = new EventSource(list.getAttribute("data-stream"));
  source.onmessage = function (event) {
    var item = JSON.parse(event.data);
    var row = document.createElement("li");
    row.className = "feed-" + item.kind;
    row.textContent = item.time + " · " + item.text;  // text, never markup: user names are user input
    list.insertBefore(row, list.firstChild);
    while (list.children.length > 50) { list.removeChild(list.lastChild); }
  };
})();
