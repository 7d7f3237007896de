// «Печать» on the temporary password slip (inline handlers are not allowed by the CSP).
(function () {
  var button = document.getElementById('print');
  if (button) button.addEventListener('click', function () { window.print(); });
})();
