// The playground's Teams column: each card drawn by Microsoft's Adaptive Cards renderer; pressing an
// Action.Execute sends its key (or the choice made in its dropdown) back, as Teams would send the invoke.
(function () {
  if (!window.AdaptiveCards) { return; }
  var form = document.getElementById("press");
  document.querySelectorAll(".teams-card").forEach(function (holder) {
    var card = new AdaptiveCards.AdaptiveCard();
    card.onExecuteAction = function (action) {
      var data = action.data || {};
      var key = data.key;
      if (!key && data.input) {
        card.getAllInputs().forEach(function (input) { if (input.id === data.input) { key = input.value; } });
      }
      if (!key) { return; }
      form.elements.key.value = key;
      form.submit();
    };
    card.parse(JSON.parse(document.getElementById(holder.getAttribute("data-card")).textContent));
    holder.appendChild(card.render());
  });
})();
