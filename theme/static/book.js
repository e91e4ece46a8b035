/* The reader's side of the book: light and dark, framework tabs, copy buttons, Colab, notebook
   and PDF downloads, clean search snippets.
   Loaded on every page by the theme extension (theme/__init__.py). Everything it needs
   is in the page; it requests nothing. */
(function () {
  'use strict';

  var STORE = 'd2l-ko:framework';
  // A first visit shows PyTorch, the framework most readers come for (as on d2l.ai); the tab
  // order stays config.ini's, which also decides d2lbook's default tab and every notebook's key.
  var FIRST_VISIT = 'pytorch';
  var NAMES = {mxnet: 'MXNet', pytorch: 'PyTorch', tensorflow: 'TensorFlow', jax: 'JAX'};

  // ---------------------------------------------------------------- light and dark
  // The reader's choice (the header button, remembered) wins; without one the book follows
  // the system setting, also when it changes. Set before the page is drawn: book.js is a
  // plain script in <head>, so there is no white flash before a dark page.
  var THEME_STORE = 'd2l-ko:theme';
  var darkQuery = window.matchMedia ? window.matchMedia('(prefers-color-scheme: dark)') : null;

  function chosenTheme() {
    try {
      var t = window.localStorage.getItem(THEME_STORE);
      return t === 'dark' || t === 'light' ? t : null;
    } catch (e) { return null; }
  }

  function currentTheme() {
    return chosenTheme() || (darkQuery && darkQuery.matches ? 'dark' : 'light');
  }

  function applyTheme() {
    var theme = currentTheme();
    document.documentElement.setAttribute('data-theme', theme);
    var button = document.querySelector('button.d2l-theme-toggle');
    if (button) {
      var label = theme === 'dark' ? '밝은 화면으로 보기' : '어두운 화면으로 보기';
      button.title = label;
      button.setAttribute('aria-label', label);
      button.setAttribute('aria-pressed', theme === 'dark' ? 'true' : 'false');
      button.innerHTML = theme === 'dark' ? SUN_ICON : MOON_ICON;
    }
  }

  var MOON_ICON = '<svg viewBox="0 0 24 24" aria-hidden="true"><path d="M12.3 22a10 10 0 0 1-1.9-19.8 8 8 0 0 0 11.4 11.4A10 10 0 0 1 12.3 22z"/></svg>';
  var SUN_ICON = '<svg viewBox="0 0 24 24" aria-hidden="true"><circle cx="12" cy="12" r="4.5"/><path d="M11 1h2v3h-2zM11 20h2v3h-2zM1 11h3v2H1zM20 11h3v2h-3zM4.2 5.6l1.4-1.4 2.1 2.1-1.4 1.4zM16.3 17.7l1.4-1.4 2.1 2.1-1.4 1.4zM4.2 18.4l2.1-2.1 1.4 1.4-2.1 2.1zM16.3 6.3l2.1-2.1 1.4 1.4-2.1 2.1z"/></svg>';

  function addThemeToggle() {
    var nav = document.querySelector('.mdl-layout__header-row > .mdl-navigation:last-child');
    if (!nav || nav.querySelector('button.d2l-theme-toggle')) return;
    var button = document.createElement('button');
    button.type = 'button';
    button.className = 'd2l-theme-toggle';
    button.addEventListener('click', function () {
      var next = currentTheme() === 'dark' ? 'light' : 'dark';
      try { window.localStorage.setItem(THEME_STORE, next); } catch (e) { /* storage disabled */ }
      applyTheme();
    });
    nav.insertBefore(button, nav.firstChild);
    applyTheme();
  }

  applyTheme();
  if (darkQuery) {
    var follow = function () { if (!chosenTheme()) applyTheme(); };
    if (darkQuery.addEventListener) darkQuery.addEventListener('change', follow); else darkQuery.addListener(follow);
  }

  // ---------------------------------------------------------------- framework tabs
  // d2lbook writes each tab group as <div class="mdl-tabs"> with a bar of <a href="#<tab>-<n>">
  // and panels <div class="mdl-tabs__panel" id="<tab>-<n>">. Tabs are matched by name, not by
  // position: a text group may hold only some frameworks, and is hidden for the others.
  function tabOf(el) {
    var key = el.id || (el.getAttribute('href') || '').replace(/^#/, '');
    var m = key.match(/^([a-z0-9]+)-/);
    return m ? m[1] : null;
  }

  function children(el, cls) {
    return Array.prototype.filter.call(el.children, function (c) { return c.classList.contains(cls); });
  }

  function groups() { return Array.prototype.slice.call(document.querySelectorAll('.mdl-tabs')); }

  function frameworks() {
    var seen = [];
    document.querySelectorAll('.mdl-tabs__tab').forEach(function (a) {
      var t = tabOf(a);
      if (t && seen.indexOf(t) < 0) seen.push(t);
    });
    return seen;
  }

  function selectTab(name, remember) {
    groups().forEach(function (group) {
      var found = false;
      children(group, 'mdl-tabs__tab-bar').forEach(function (bar) {
        bar.querySelectorAll('.mdl-tabs__tab').forEach(function (a) {
          var on = tabOf(a) === name;
          a.classList.toggle('is-active', on);
          a.setAttribute('aria-selected', on ? 'true' : 'false');
          a.tabIndex = on ? 0 : -1;  // Tab reaches the chosen tab; the arrows reach the others
          found = found || on;
        });
      });
      children(group, 'mdl-tabs__panel').forEach(function (panel) {
        panel.classList.toggle('is-active', tabOf(panel) === name);
      });
      group.classList.toggle('d2l-tab-absent', !found);
    });
    document.documentElement.setAttribute('data-framework', name);
    if (remember) {
      try { window.localStorage.setItem(STORE, name); } catch (e) { /* storage disabled */ }
    }
    renderLinks();
    focusScrollable();
  }

  // A code or output block wider than its box scrolls sideways: it takes the keyboard focus
  // (then the arrow keys scroll it), so a reader without a mouse can read all of it.
  function focusScrollable() {
    document.querySelectorAll('.page-content pre').forEach(function (pre) {
      if (pre.scrollWidth > pre.clientWidth || pre.scrollHeight > pre.clientHeight) {
        pre.tabIndex = 0;
      } else {
        pre.removeAttribute('tabindex');
      }
    });
  }

  function storedTab() {
    try { return window.localStorage.getItem(STORE); } catch (e) { return null; }
  }

  // d2lbook's tab bar calls tagClick('<tab>') on click.
  window.tagClick = function (name) { selectTab(name, true); };

  // The WAI-ARIA tabs pattern on d2lbook's markup: the bar is a tablist, its links are tabs
  // that name the panel they control, each panel is labelled by its tab. With the keyboard,
  // the arrows, Home and End move between the tabs of a bar, Enter or Space chooses one
  // (manual activation: choosing switches every group on the page), Tab enters the panel.
  function upgradeTabs() {
    groups().forEach(function (group) {
      children(group, 'mdl-tabs__tab-bar').forEach(function (bar) {
        bar.setAttribute('role', 'tablist');
        bar.setAttribute('aria-label', bar.classList.contains('code') ? '프레임워크별 코드' : '프레임워크별 설명');
        bar.querySelectorAll('.mdl-tabs__tab').forEach(function (a) {
          var panel = document.getElementById((a.getAttribute('href') || '').replace(/^#/, ''));
          a.setAttribute('role', 'tab');
          if (!panel) return;
          a.id = panel.id + '-tab';  // keeps the framework first: tabOf() reads it
          a.setAttribute('aria-controls', panel.id);
          panel.setAttribute('role', 'tabpanel');
          panel.setAttribute('aria-labelledby', a.id);
          panel.tabIndex = 0;
        });
        bar.addEventListener('keydown', onTabKey);
      });
    });
  }

  function onTabKey(e) {
    var tabs = Array.prototype.slice.call(e.currentTarget.querySelectorAll('[role=tab]'));
    var i = tabs.indexOf(document.activeElement);
    if (i < 0) return;
    var to = {ArrowRight: i + 1, ArrowLeft: i - 1, Home: 0, End: tabs.length - 1}[e.key];
    if (to !== undefined) {
      tabs[(to + tabs.length) % tabs.length].focus();
    } else if (e.key === 'Enter' || e.key === ' ') {
      selectTab(tabOf(tabs[i]), true);
    } else {
      return;
    }
    e.preventDefault();
  }

  // ---------------------------------------------------------------- copy buttons
  var COPY_ICON = '<svg viewBox="0 0 24 24" aria-hidden="true"><path d="M16 1H4a2 2 0 0 0-2 2v14h2V3h12V1zm3 4H8a2 2 0 0 0-2 2v14a2 2 0 0 0 2 2h11a2 2 0 0 0 2-2V7a2 2 0 0 0-2-2zm0 16H8V7h11v14z"/></svg>';

  function copyText(text) {
    if (navigator.clipboard && window.isSecureContext) {
      return navigator.clipboard.writeText(text);
    }
    return new Promise(function (resolve, reject) {
      var area = document.createElement('textarea');
      area.value = text;
      area.setAttribute('readonly', '');
      area.style.position = 'fixed';
      area.style.opacity = '0';
      document.body.appendChild(area);
      area.select();
      var ok = document.execCommand('copy');
      document.body.removeChild(area);
      if (ok) { resolve(); } else { reject(new Error('copy failed')); }
    });
  }

  // The code of a block, as the reader would type it: no interpreter prompts, no outputs
  // (outputs are separate blocks and get no button).
  function codeOf(block) {
    var pre = block.querySelector('pre');
    var text = pre ? pre.textContent : '';
    text = text.split('\n').map(function (line) { return line.replace(/^(>>> |\.\.\. |\$ )/, ''); }).join('\n');
    return text.replace(/\s+$/, '') + '\n';
  }

  function addCopyButtons() {
    document.querySelectorAll('div[class*="highlight-"]:not(.output) > div.highlight').forEach(function (block) {
      if (block.querySelector('button.d2l-copy')) return;
      var button = document.createElement('button');
      button.type = 'button';
      button.className = 'd2l-copy';
      button.title = '코드 복사';
      button.setAttribute('aria-label', '코드 복사');
      button.innerHTML = COPY_ICON + '<span>복사</span>';
      button.addEventListener('click', function () {
        var label = button.querySelector('span');
        copyText(codeOf(block)).then(function () {
          label.textContent = '복사했습니다';
          button.classList.add('d2l-copied');
        }, function () {
          label.textContent = '복사하지 못했습니다';
        });
        setTimeout(function () { label.textContent = '복사'; button.classList.remove('d2l-copied'); }, 2000);
      });
      block.appendChild(button);
    });
  }

  // ---------------------------------------------------------------- Colab and downloads
  function pageLinks() {
    var meta = document.querySelector('meta[name="d2l-links"]');
    if (!meta) return null;
    try { return JSON.parse(meta.getAttribute('content')); } catch (e) { return null; }
  }

  function renderLinks() {
    var links = pageLinks();
    var heading = document.querySelector('.section h1, section h1, h1');
    if (!links || !heading) return;
    var box = document.querySelector('.d2l-links');
    if (!box) {
      box = document.createElement('div');
      box.className = 'd2l-links';
      heading.parentNode.insertBefore(box, heading.nextSibling);
    }
    var current = document.documentElement.getAttribute('data-framework');
    var html = '';
    var colab = links.colab || {};
    if (Object.keys(colab).length) {
      html += '<span class="d2l-links-label">Colab에서 열기:</span>';
      Object.keys(colab).forEach(function (tab) {
        html += '<a class="d2l-colab' + (tab === current ? ' d2l-current' : '') + '" data-tab="' + tab +
          '" href="' + colab[tab] + '" target="_blank" rel="noopener">' + (NAMES[tab] || tab) + '</a>';
      });
    }
    // a framework without a Colab runtime (MXNet): under its tab, why, and how to run it locally
    var noColab = links.no_colab || {};
    if (noColab[current]) {
      html += '<p class="d2l-no-colab" data-tab="' + current + '">' + noColab[current] + '</p>';
    }
    var downloads = links.downloads || {};
    if (Object.keys(downloads).length) {
      html += '<span class="d2l-links-label">노트북 내려받기:</span>';
      Object.keys(downloads).forEach(function (tab) {
        html += '<a class="d2l-download" data-tab="' + tab + '" href="' + downloads[tab] + '" download>' +
          (NAMES[tab] || tab) + ' (.zip)</a>';
      });
    }
    var pdfs = links.pdfs || {};
    if (Object.keys(pdfs).length) {
      html += '<span class="d2l-links-label">PDF 내려받기:</span>';
      Object.keys(pdfs).forEach(function (tab) {
        html += '<a class="d2l-pdf' + (tab === current ? ' d2l-current' : '') + '" data-tab="' + tab +
          '" href="' + pdfs[tab] + '" download>' + (NAMES[tab] || tab) + ' (.pdf)</a>';
      });
    }
    box.innerHTML = html;
  }

  // ---------------------------------------------------------------- search summary
  // Sphinx 5.3 fills ${resultCount} into this message before looking up its translation,
  // so the Korean catalog never matches it; say it in Korean here.
  var SUMMARY = /Search finished, found (\d+) page\(s\) matching the search query\./;

  function translateSearchSummary() {
    var results = document.getElementById('search-results');
    if (!results) return;
    var fix = function () {
      results.querySelectorAll('.search-summary').forEach(function (p) {
        var m = p.textContent.match(SUMMARY);
        if (m) p.textContent = '검색을 마쳤습니다. 검색어와 일치하는 페이지를 ' + m[1] + '개 찾았습니다.';
      });
    };
    new MutationObserver(fix).observe(results, {childList: true, subtree: true, characterData: true});
    fix();
  }

  // ---------------------------------------------------------------- search snippets
  // Sphinx 5.3 makes a result's snippet from the text of the fetched page's [role=main]
  // (Search.htmlToText). MathJax never ran on that copy, so the text holds TeX source, the tab
  // bars' labels run together ("mxnetpytorch…"), and every framework's code is there. Make the
  // snippet from what the reader would see: the chosen framework's panels, math as plain text.
  var TEX_SYMBOLS = {
    cdot: '·', times: '×', approx: '≈', le: '≤', leq: '≤', ge: '≥', geq: '≥', ne: '≠', neq: '≠',
    pm: '±', infty: '∞', in: '∈', sum: 'Σ', prod: 'Π', partial: '∂', to: '→', rightarrow: '→',
    alpha: 'α', beta: 'β', gamma: 'γ', delta: 'δ', epsilon: 'ε', eta: 'η', theta: 'θ',
    lambda: 'λ', mu: 'μ', pi: 'π', sigma: 'σ', tau: 'τ', phi: 'φ', omega: 'ω', ldots: '…', dots: '…'
  };

  function texToText(tex) {
    var t = tex.replace(/^\s*\\[([]/, '').replace(/\\[)\]]\s*$/, '');
    for (var i = 0; i < 6; i++) {  // inside out: each pass unwraps one level of braces
      t = t.replace(/\\(?:textrm|mathrm|text|mathbf|mathit|boldsymbol|operatorname)\s*\{([^{}]*)\}/g, '$1')
        .replace(/\\frac\s*\{([^{}]*)\}\s*\{([^{}]*)\}/g, '($1)/($2)')
        .replace(/\\sqrt\s*\{([^{}]*)\}/g, '√($1)')
        .replace(/([_^])\{([^{}]*)\}/g, '$1$2');
    }
    t = t.replace(/\\([a-zA-Z]+)/g, function (m, name) {
      return Object.prototype.hasOwnProperty.call(TEX_SYMBOLS, name) ? TEX_SYMBOLS[name] : '';  // \left, \right…
    });
    return t.replace(/\\[,;:! ]/g, ' ').replace(/[{}\\]/g, '').replace(/\s+/g, ' ').trim();
  }

  function readableText(html) {
    var doc = new DOMParser().parseFromString(html, 'text/html');
    var main = doc.querySelector('[role="main"]');
    if (!main) return '';
    var chosen = storedTab() || FIRST_VISIT;
    var drop = function (el) { el.parentNode && el.parentNode.removeChild(el); };
    main.querySelectorAll('.headerlink, .mdl-tabs__tab-bar, div.math, script, style').forEach(drop);
    main.querySelectorAll('.mdl-tabs__panel').forEach(function (panel) {
      if (tabOf(panel) !== chosen) drop(panel);
    });
    main.querySelectorAll('span.math').forEach(function (m) { m.textContent = texToText(m.textContent); });
    // a space after every block, so that the words of neighbouring blocks stay apart
    main.querySelectorAll('p, li, dt, dd, pre, h1, h2, h3, h4, h5, h6, td, th, div').forEach(function (el) {
      el.appendChild(doc.createTextNode(' '));
    });
    return main.textContent.replace(/\s+/g, ' ').trim();
  }

  function cleanSearchSnippets() {
    if (typeof Search !== 'undefined' && Search.htmlToText) Search.htmlToText = readableText;
  }

  // ---------------------------------------------------------------- start
  function start() {
    upgradeTabs();
    var all = frameworks();
    var wanted = storedTab();
    if (all.length) {
      var first = all.indexOf(FIRST_VISIT) >= 0 ? FIRST_VISIT : all[0];
      selectTab(all.indexOf(wanted) >= 0 ? wanted : first, false);
    } else {
      if (wanted) document.documentElement.setAttribute('data-framework', wanted);
      renderLinks();
    }
    addCopyButtons();
    addThemeToggle();
    focusScrollable();
    // widths change when the web fonts arrive and when the window is resized
    window.addEventListener('load', focusScrollable);
    window.addEventListener('resize', focusScrollable);
    if (document.fonts && document.fonts.ready) document.fonts.ready.then(focusScrollable);
    translateSearchSummary();
    cleanSearchSnippets();
  }

  // the rest of the book's pages may change the choice in another window
  window.addEventListener('storage', function (e) {
    if (e.key === THEME_STORE) applyTheme();
    if (e.key === STORE && e.newValue && frameworks().indexOf(e.newValue) >= 0) selectTab(e.newValue, false);
  });

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', start);
  } else {
    start();
  }
})();
