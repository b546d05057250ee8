/* Support Navigator: progressive enhancement. Everything works without this file. */
(function () {
  'use strict';
  document.documentElement.classList.add('js');

  var region = document.querySelector('[data-results-region]');
  var searchForm = document.querySelector('[data-search-form]');
  var input = document.querySelector('[data-suggest]');
  var list = document.getElementById('suggestions');
  var lang = document.documentElement.lang === 'en' ? 'en' : 'ru';
  var pending = null;

  /** On a phone the filters start folded away, so the results come first on screen. */
  var narrow = window.matchMedia('(max-width: 820px)');
  function foldFilters(keepOpen) {
    var panel = document.querySelector('[data-filters-panel]');
    if (panel && narrow.matches && !keepOpen) panel.removeAttribute('open');
  }
  foldFilters(false);

  /** Loads a search URL's results region and shows it without a full reload. */
  function load(url, push) {
    if (!region) {
      window.location.href = url;
      return;
    }
    if (pending) pending.abort();
    pending = new AbortController();
    region.setAttribute('aria-busy', 'true');
    fetch(url, { headers: { 'X-Fragment': 'results' }, signal: pending.signal })
      .then(function (res) {
        if (!res.ok) throw new Error('status ' + res.status);
        return res.text();
      })
      .then(function (html) {
        var wasOpen = !!document.querySelector('[data-filters-panel][open]');
        // the facet panels the reader opened (or closed) stay that way
        var panels = {};
        region.querySelectorAll('details[data-facet-panel]').forEach(function (d) {
          panels[d.getAttribute('data-facet-panel')] = d.open;
        });
        var typing = document.activeElement === input;
        region.innerHTML = html;
        region.removeAttribute('aria-busy');
        region.querySelectorAll('details[data-facet-panel]').forEach(function (d) {
          var name = d.getAttribute('data-facet-panel');
          if (name in panels) d.open = panels[name] || d.hasAttribute('data-selected');
        });
        foldFilters(wasOpen);
        if (push) history.pushState({ url: url }, '', url);
        rememberSearch();
        var params = new URL(url, location.href).searchParams;
        if (input && !typing) input.value = params.get('q') || '';
        syncCarried(params);
        showChart(params);
        facetFilters();
        // the reader lands on the new results: their heading gets focus (announced), scrolled into view
        var heading = document.getElementById('results-title');
        if (heading && !typing) {
          heading.focus({ preventScroll: true });
          var top = heading.getBoundingClientRect().top + window.pageYOffset - 12;
          if (top < window.pageYOffset || top > window.pageYOffset + window.innerHeight / 2) window.scrollTo(0, Math.max(0, top));
        }
      })
      .catch(function (error) {
        if (error && error.name === 'AbortError') return;
        window.location.href = url;
      });
  }

  /**
   * "← All programmes" goes back to the search the visitor came from: the search
   * page remembers its address for this tab, programme and compare pages use it.
   */
  var LAST_SEARCH = 'sn:last-search';
  function rememberSearch() {
    if (!region) return;
    try {
      sessionStorage.setItem(LAST_SEARCH, location.pathname + location.search);
    } catch (e) {
      /* storage off: links stay plain */
    }
  }
  rememberSearch();
  document.querySelectorAll('[data-back-to-search]').forEach(function (link) {
    var last = null;
    try {
      last = sessionStorage.getItem(LAST_SEARCH);
    } catch (e) {
      last = null;
    }
    // only a search in the page's own language (one that names none is in the visitor's language)
    var named = last ? /[?&]lang=(ru|en)(&|$)/.exec(last) : null;
    if (last && last.charAt(0) === '/' && last.charAt(1) !== '/' && (!named || named[1] === lang)) link.setAttribute('href', last);
  });

  /** Long facets get a filter box: typing narrows the values shown (and opens "show all"). */
  function facetFilters() {
    document.querySelectorAll('[data-facet-filter]').forEach(function (box) {
      box.hidden = false;
      box.addEventListener('input', function () {
        var needle = box.value.trim().toLowerCase();
        var fieldset = box.closest('fieldset');
        var more = fieldset.querySelector('[data-facet-more]');
        if (more && needle) more.open = true;
        fieldset.querySelectorAll('.facet-values li').forEach(function (li) {
          li.hidden = needle !== '' && li.textContent.toLowerCase().indexOf(needle) === -1;
        });
      });
    });
  }
  facetFilters();

  /** "Share the link": the system share sheet where there is one, else the address to the clipboard. */
  document.addEventListener('click', function (event) {
    var link = event.target.closest && event.target.closest('a[data-share]');
    if (!link || !navigator.clipboard) return;
    event.preventDefault();
    var url = new URL(link.getAttribute('href'), location.href).href;
    var status = link.parentNode.querySelector('[data-share-status]');
    var done = function () {
      if (status) status.textContent = link.getAttribute('data-copied');
      link.textContent = link.getAttribute('data-copied');
    };
    if (navigator.share && window.matchMedia('(pointer: coarse)').matches) navigator.share({ url: url }).catch(function () {});
    else
      navigator.clipboard.writeText(url).then(done, function () {
        window.prompt('', url);
      });
  });

  /**
   * The compare selection: its forms (a card's toggle, "clear") are posted in place and the
   * server's new compare bar swapped in; every toggle then shows whether its programme is
   * picked. Without this, the same forms post and come back to the page.
   */
  function syncCompare(bar) {
    var picked = (bar.getAttribute('data-selected') || '').split(' ').filter(Boolean);
    var full = bar.getAttribute('data-full') === 'true';
    document.querySelectorAll('form.compare-toggle').forEach(function (form) {
      var slug = form.querySelector('[data-compare-slug]');
      var button = form.querySelector('button');
      var on = picked.indexOf(slug.value) !== -1;
      slug.name = on ? 'remove' : 'add';
      button.setAttribute('aria-pressed', on ? 'true' : 'false');
      button.disabled = full && !on;
    });
  }
  document.addEventListener('submit', function (event) {
    var form = event.target;
    if (!form.matches || !form.matches('form[data-compare-form]') || !window.fetch) return;
    event.preventDefault();
    var focused = document.activeElement;
    fetch('/compare/selection' + (lang === 'en' ? '?lang=en' : ''), {
      method: 'POST',
      headers: { 'X-Fragment': 'compare-bar', 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(new FormData(form)).toString(),
    })
      .then(function (res) {
        if (!res.ok) throw new Error('status ' + res.status);
        return res.text();
      })
      .then(function (html) {
        var fresh = null;
        document.querySelectorAll('[data-compare-bar]').forEach(function (bar) {
          var box = document.createElement('div');
          box.innerHTML = html;
          var next = box.querySelector('[data-compare-bar]');
          if (bar.hasAttribute('data-quiet')) {
            next.setAttribute('data-quiet', '');
            next.hidden = !next.getAttribute('data-selected');
          }
          bar.replaceWith(next);
          fresh = fresh || next;
        });
        if (fresh) syncCompare(fresh);
        // the toggle keeps the focus; after "clear" (its button is gone) the bar takes it
        if (focused && !document.body.contains(focused) && fresh && !fresh.hidden) fresh.focus();
      })
      .catch(function () {
        form.submit();
      });
  });

  /** The landing chart belongs to the unfiltered first page only. */
  function showChart(params) {
    var chart = document.querySelector('[data-landing-chart]');
    if (!chart) return;
    var plain = true;
    params.forEach(function (value, key) {
      if (key !== 'lang' && key !== 'sort' && value) plain = false;
    });
    chart.hidden = !plain;
  }

  /** The search form carries the current filters, so a new query keeps them. */
  function syncCarried(params) {
    if (!searchForm) return;
    searchForm.querySelectorAll('[data-carried]').forEach(function (el) {
      el.remove();
    });
    params.forEach(function (value, key) {
      if (key === 'q' || key === 'page' || key === 'lang') return;
      var hidden = document.createElement('input');
      hidden.type = 'hidden';
      hidden.name = key;
      hidden.value = value;
      hidden.setAttribute('data-carried', '');
      searchForm.appendChild(hidden);
    });
  }

  function urlOf(form) {
    var params = new URLSearchParams(new FormData(form));
    var q = input ? input.value.trim() : '';
    params.delete('q');
    if (q) params.set('q', q);
    params.delete('page');
    var query = params.toString();
    return '/' + (query ? '?' + query : '');
  }

  if (region) {
    region.addEventListener('change', function (event) {
      var target = event.target;
      if (target.matches('[data-facet]')) load(urlOf(target.form), true);
      if (target.matches('[data-sort]')) load(urlOf(target.form), true);
    });
    region.addEventListener('click', function (event) {
      var link = event.target.closest('a[data-nav]');
      if (!link || event.metaKey || event.ctrlKey || event.shiftKey || event.button !== 0) return;
      event.preventDefault();
      load(link.getAttribute('href'), true);
    });
    window.addEventListener('popstate', function () {
      load(location.pathname + location.search, false);
    });
  }

  if (searchForm && region) {
    searchForm.addEventListener('submit', function (event) {
      event.preventDefault();
      hide();
      load(urlOf(searchForm), true);
    });
  }

  /* Suggestions as you type: programme titles go to the programme, facet values add a filter. */
  var timer = null;
  var active = -1;
  /** Which request for suggestions is the latest; hiding them dismisses any still on their way. */
  var asked = 0;
  var waiting = false;
  function hide() {
    asked++;
    waiting = false;
    if (!list) return;
    list.hidden = true;
    list.innerHTML = '';
    active = -1;
    if (input) {
      input.setAttribute('aria-expanded', 'false');
      input.removeAttribute('aria-activedescendant');
    }
  }
  function option(id, html, kind, go) {
    var li = document.createElement('li');
    li.id = id;
    li.setAttribute('role', 'option');
    var text = document.createElement('span');
    text.innerHTML = html; // escaped by the server; only <mark> is markup
    li.appendChild(text);
    var small = document.createElement('span');
    small.className = 'kind';
    small.textContent = kind;
    li.appendChild(small);
    li.addEventListener('mousedown', function (event) {
      event.preventDefault();
      go();
    });
    li.go = go;
    return li;
  }
  function show(data) {
    hide();
    var items = [];
    data.programmes.forEach(function (p, i) {
      items.push(
        option('sg-p' + i, p.highlight, '', function () {
          window.location.href = '/programmes/' + encodeURIComponent(p.slug) + (lang === 'en' ? '?lang=en' : '');
        }),
      );
    });
    var titles = {};
    try {
      titles = JSON.parse(list.getAttribute('data-facet-titles') || '{}');
    } catch (e) {
      titles = {};
    }
    data.terms.forEach(function (term, i) {
      // each value says which filter it is and how many programmes it has
      var kind = (titles[term.facet] || (lang === 'en' ? 'filter' : 'фильтр')) + ' · ' + term.count;
      items.push(
        option('sg-t' + i, term.highlight, kind, function () {
          var params = new URLSearchParams(location.search);
          params.append(term.facet, term.code);
          params.delete('page');
          hide();
          if (input) input.value = '';
          params.delete('q');
          load('/?' + params.toString(), true);
        }),
      );
    });
    if (!items.length || !list) return;
    items.forEach(function (li) {
      list.appendChild(li);
    });
    list.hidden = false;
    input.setAttribute('aria-expanded', 'true');
  }
  function move(delta) {
    var items = list ? list.querySelectorAll('[role="option"]') : [];
    if (!items.length) return;
    if (active >= 0) items[active].setAttribute('aria-selected', 'false');
    active = (active + delta + items.length) % items.length;
    items[active].setAttribute('aria-selected', 'true');
    input.setAttribute('aria-activedescendant', items[active].id);
  }
  if (input && list) {
    input.addEventListener('input', function () {
      clearTimeout(timer);
      var q = input.value.trim();
      if (q.length < 2) {
        hide();
        return;
      }
      var ask = ++asked;
      waiting = true;
      timer = setTimeout(function () {
        fetch('/api/v1/suggest?q=' + encodeURIComponent(q) + '&lang=' + lang)
          .then(function (res) {
            return res.ok ? res.json() : { programmes: [], terms: [] };
          })
          // only the answer to what was typed last, and only while nothing dismissed it
          .then(function (data) {
            if (ask === asked && input.value.trim() === q) show(data);
          })
          .catch(hide);
      }, 150);
    });
    input.addEventListener('keydown', function (event) {
      if (event.key === 'Escape') {
        // Esc closes the suggestions, shown or on their way, and keeps the text (a search box
        // would empty itself); with nothing to close, Esc clears the box as usual
        if (!list.hidden || waiting) {
          event.preventDefault();
          clearTimeout(timer);
          hide();
        }
        return;
      }
      if (list.hidden) return;
      if (event.key === 'ArrowDown') {
        event.preventDefault();
        move(1);
      } else if (event.key === 'ArrowUp') {
        event.preventDefault();
        move(-1);
      } else if (event.key === 'Enter' && active >= 0) {
        event.preventDefault();
        list.querySelectorAll('[role="option"]')[active].go();
      }
    });
    input.addEventListener('blur', function () {
      setTimeout(hide, 100);
    });
  }
})();
