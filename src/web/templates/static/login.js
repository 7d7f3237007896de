// Fills each select of the login page from the one before it; without JavaScript the
// «Выбрать» button does the same through the server. The organization select belongs to the
// login form itself, so «Войти» posts whatever it shows.
(function () {
  var form = document.getElementById('directory');
  if (!form) return;
  var tab = form.getAttribute('data-tab');
  var chain = tab === 'authority'
    ? ['region', 'municipality', 'organization']
    : ['region', 'municipality', 'locality', 'type', 'organization'];

  function el(id) { return document.getElementById(id); }
  function value(id) { return el(id) ? el(id).value : ''; }

  function urlFor(level) {
    var q = encodeURIComponent;
    if (level === 'municipality') return '/api/directory/municipalities?region=' + q(value('region'));
    if (level === 'locality') return '/api/directory/localities?municipality=' + q(value('municipality'));
    if (level === 'type') return '/api/directory/types?locality=' + q(value('locality'));
    if (level === 'organization') {
      if (tab === 'authority') return '/api/directory/authorities?municipality=' + q(value('municipality'));
      return '/api/directory/organizations?locality=' + q(value('locality')) + '&type=' + q(value('type'));
    }
    return null;
  }

  function clearFrom(index) {
    for (var i = index; i < chain.length; i++) {
      var select = el(chain[i]);
      while (select.options.length > 1) select.remove(1);
    }
  }

  // Each change starts a new generation; answers to older requests are dropped, so quick
  // changes never mix two lists.
  var generation = 0;

  function load(index) {
    if (index >= chain.length) return;
    var level = chain[index];
    var mine = generation;
    fetch(urlFor(level), { credentials: 'same-origin' })
      .then(function (r) { return r.ok ? r.json() : []; })
      .then(function (items) {
        if (mine !== generation) return;
        var select = el(level);
        items.forEach(function (item) {
          var option = document.createElement('option');
          option.value = item.id !== undefined ? item.id : item.code;
          option.textContent = item.name;
          select.appendChild(option);
        });
        if (items.length === 1) {
          select.selectedIndex = 1;
          changed(index);
        }
      });
  }

  function changed(index) {
    generation++;
    clearFrom(index + 1);
    if (value(chain[index]) !== '') load(index + 1);
  }

  chain.forEach(function (level, index) {
    el(level).addEventListener('change', function () { changed(index); });
  });
})();
