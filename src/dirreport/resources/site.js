/* The report's small site (render/html_site.py): the contents opened at this page's chapter, the search box
   shown (it needs this script) and taking its words to the search page, which looks them up in the index it
   carries as data.  No server: it works from disk as from any host. */
(function () {
  function fold(text) {
    return text.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/[\u2018\u2019]/g, "'").toLowerCase();
  }
  function snippet(text, word) {
    var at = fold(text).indexOf(word);
    var start = Math.max(0, at - 80);
    var end = Math.min(text.length, at + word.length + 120);
    return (start > 0 ? '\u2026' : '') + text.slice(start, end).trim() + (end < text.length ? '\u2026' : '');
  }
  function message(id, term) {
    var shown = document.getElementById(id).cloneNode(true);
    shown.removeAttribute('id');
    shown.hidden = false;
    if (term) {
      var q = document.createElement('q');
      q.textContent = term;
      shown.appendChild(document.createTextNode(' '));
      shown.appendChild(q);
    }
    return shown;
  }
  function search(words, entries) {
    return entries.filter(function (entry) {
      var text = fold(entry[2] + ' ' + entry[4]);
      return words.every(function (word) { return text.indexOf(word) !== -1; });
    });
  }
  function showResults(data) {
    var status = document.getElementById('search-status');
    var list = document.getElementById('search-results');
    var term = (new URLSearchParams(window.location.search).get('q') || '').trim();
    document.querySelectorAll('form.site-search input[name="q"]').forEach(function (box) { box.value = term; });
    var words = fold(term).split(/\s+/).filter(function (w) { return w.length > 0; });
    if (!words.length) { status.replaceChildren(message('search-empty', '')); return; }
    var found = search(words, JSON.parse(data.textContent)).slice(0, 100);
    status.replaceChildren(message(found.length ? 'search-found' : 'search-none', term));
    found.forEach(function (entry) {
      var item = document.createElement('li');
      var link = document.createElement('a');
      link.href = entry[0] + (entry[1] ? '#' + entry[1] : '');
      link.textContent = entry[2];
      item.appendChild(link);
      if (entry[3] && entry[3] !== entry[2]) {
        var page = document.createElement('span');
        page.className = 'search-page';
        page.textContent = ' \u2013 ' + entry[3];
        item.appendChild(page);
      }
      var text = document.createElement('p');
      text.className = 'search-snippet';
      text.textContent = snippet(entry[4], words[0]);
      item.appendChild(text);
      list.appendChild(item);
    });
  }
  document.addEventListener('DOMContentLoaded', function () {
    var current = document.querySelector('nav#TOC [aria-current="page"]');
    var chapter = current && current.closest('details');
    if (chapter) { chapter.open = true; }
    document.querySelectorAll('form.site-search').forEach(function (form) {
      form.hidden = false;
      form.addEventListener('submit', function (event) {
        event.preventDefault();
        var term = form.querySelector('input[name="q"]').value.trim();
        window.location.href = 'search.html' + (term ? '?q=' + encodeURIComponent(term) : '');
      });
    });
    var data = document.getElementById('site-index');
    if (data) { showResults(data); }
  });
})();
