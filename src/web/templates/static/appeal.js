// The appeal form's selects: Тип организации → Организация → Класс, each filled from the one
// before it. Without JavaScript, «Обновить списки» does the same through the server.
(function () {
  var type = document.getElementById('type');
  var organization = document.getElementById('organization');
  var klass = document.getElementById('class');
  if (!type || !organization) return;
  var generation = 0;

  function reset(select, placeholder) {
    if (!select) return;
    while (select.options.length > 0) select.remove(0);
    var first = document.createElement('option');
    first.value = '';
    first.textContent = placeholder;
    select.appendChild(first);
  }

  function fill(select, url, mine) {
    fetch(url, { credentials: 'same-origin' })
      .then(function (r) { return r.ok ? r.json() : []; })
      .then(function (items) {
        if (mine !== generation) return;
        items.forEach(function (item) {
          var option = document.createElement('option');
          option.value = item.id;
          option.textContent = item.name;
          select.appendChild(option);
        });
      });
  }

  type.addEventListener('change', function () {
    var mine = ++generation;
    reset(organization, type.value ? 'Выберите' : 'Сначала выберите тип организации');
    reset(klass, 'Сначала выберите организацию');
    if (type.value) fill(organization, '/api/appeal/organizations?type=' + encodeURIComponent(type.value), mine);
  });

  // Back to the form after sending: the browser restores the chosen type but not the lists
  // the script had filled, so fill whatever is missing below a chosen value.
  function refill() {
    var mine = ++generation;
    if (type.value && organization.options.length <= 1) {
      reset(organization, 'Выберите');
      fill(organization, '/api/appeal/organizations?type=' + encodeURIComponent(type.value), mine);
    }
    if (klass && organization.value && klass.options.length <= 1) {
      reset(klass, 'Выберите');
      fill(klass, '/api/directory/classes?organization=' + encodeURIComponent(organization.value), mine);
    }
  }
  window.addEventListener('pageshow', refill);

  organization.addEventListener('change', function () {
    if (!klass) return;
    var mine = ++generation;
    reset(klass, organization.value ? 'Выберите' : 'Сначала выберите организацию');
    if (organization.value) fill(klass, '/api/directory/classes?organization=' + encodeURIComponent(organization.value), mine);
  });
})();
