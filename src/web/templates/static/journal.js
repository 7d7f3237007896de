// Optional: in the class journal's grid ↑/↓ and Enter move along a column, as in a sheet.
// Without it the form works the same; Enter then submits it, and the page says so instead of
// the hint this script shows.
(function () {
  var grid = document.getElementById('journal-grid');
  if (!grid) return;
  var keys = document.getElementById('journal-keys');
  if (keys) keys.hidden = false;
  var FIELDS = 'input:not([type=hidden]), select';  // the hidden ones say what a cell showed
  function cellInputs(input) {
    var td = input.closest('td');
    return td ? Array.prototype.slice.call(td.querySelectorAll(FIELDS)) : [];
  }
  function neighbour(input, step) {
    var td = input.closest('td'), tr = td.parentElement;
    var column = Array.prototype.indexOf.call(tr.children, td);
    var place = cellInputs(input).indexOf(input);
    for (var row = tr; (row = step > 0 ? row.nextElementSibling : row.previousElementSibling);) {
      var target = row.children[column];
      var inputs = target ? target.querySelectorAll(FIELDS) : [];
      if (inputs.length) return inputs[Math.min(place, inputs.length - 1)];
    }
    return null;
  }
  grid.addEventListener('keydown', function (e) {
    var t = e.target;
    if (t.tagName !== 'INPUT') return;
    var step = e.key === 'ArrowDown' || e.key === 'Enter' ? 1 : e.key === 'ArrowUp' ? -1 : 0;
    if (!step) return;
    var next = neighbour(t, step);
    e.preventDefault();
    if (next) { next.focus(); if (next.select) next.select(); }
  });
})();
