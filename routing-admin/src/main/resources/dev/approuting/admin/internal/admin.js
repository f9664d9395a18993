// Filters the admin page as you type; without this script the filter form is sent and filtered by the server.
(function () {
  var input = document.getElementById('q');
  if (!input) { return; }
  function apply() {
    var q = input.value.trim().toLowerCase();
    document.querySelectorAll('#databases tbody tr').forEach(function (row) {
      row.hidden = q !== '' && row.textContent.toLowerCase().indexOf(q) < 0;
    });
    document.querySelectorAll('#routing tbody').forEach(function (group) {
      var shown = 0;
      group.querySelectorAll('tr:not(.group)').forEach(function (row) {
        var hide = q !== '' && row.textContent.toLowerCase().indexOf(q) < 0;
        row.hidden = hide;
        if (!hide) { shown++; }
      });
      group.hidden = shown === 0;
    });
    var url = q === '' ? location.pathname : location.pathname + '?q=' + encodeURIComponent(q);
    history.replaceState(null, '', url);
  }
  input.addEventListener('input', apply);
}());
