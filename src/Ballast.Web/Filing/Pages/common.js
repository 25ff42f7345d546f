// Shared by the sign-in, filing and response pages: interface language, calls to the API with the
// antiforgery header, and small DOM helpers. No framework, no build step.
'use strict';

const Ballast = (() => {
  const stored = localStorage.getItem('ballast.lang');
  let lang = stored === 'zh' || stored === 'en' ? stored
    : ((navigator.languages && navigator.languages[0]) || navigator.language || 'en').toLowerCase().startsWith('zh') ? 'zh' : 'en';
  const listeners = [];

  function t(texts) { return texts[lang] ?? texts.en; }

  function setLang(next) {
    lang = next;
    localStorage.setItem('ballast.lang', next);
    document.documentElement.lang = next === 'zh' ? 'zh-CN' : 'en';
    document.querySelectorAll('[data-en]').forEach(el => { el.textContent = el.dataset[next] ?? el.dataset.en; });
    document.querySelectorAll('[data-placeholder-en]').forEach(el => {
      el.placeholder = next === 'zh' ? el.dataset.placeholderZh : el.dataset.placeholderEn;
    });
    const toggle = document.getElementById('lang-switch');
    if (toggle) toggle.textContent = next === 'zh' ? 'English' : '中文';
    listeners.forEach(f => f(next));
  }

  function onLang(f) { listeners.push(f); }

  function cookie(name) {
    const hit = document.cookie.split('; ').find(c => c.startsWith(name + '='));
    return hit ? decodeURIComponent(hit.substring(name.length + 1)) : null;
  }

  // Every unsafe request carries the antiforgery token the server set in the readable XSRF-TOKEN cookie.
  async function api(method, url, body) {
    const headers = { 'Accept': 'application/json' };
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    if (method !== 'GET') {
      let token = cookie('XSRF-TOKEN');
      if (!token) {
        const r = await fetch('/api/session/antiforgery', { credentials: 'same-origin' });
        token = (await r.json()).token;
      }
      headers['X-XSRF-TOKEN'] = token;
    }
    const response = await fetch(url, { method, headers, credentials: 'same-origin', body: body === undefined ? undefined : JSON.stringify(body) });
    let json = null;
    const text = await response.text();
    if (text) { try { json = JSON.parse(text); } catch { json = { detail: text }; } }
    return { status: response.status, ok: response.ok, json };
  }

  // The signed-in user, or a trip to /signin that comes back here.
  async function session(roles) {
    const r = await api('GET', '/api/session');
    if (r.status === 401) { location.href = '/signin?return=' + encodeURIComponent(location.pathname + location.search); return null; }
    if (roles && !roles.includes(r.json.role)) { location.href = r.json.role === 'enterprise' ? '/filing' : '/'; return null; }
    return r.json;
  }

  async function signOut() {
    await api('DELETE', '/api/session');
    location.href = '/signin';
  }

  function el(tag, attrs, ...children) {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (k === 'class') e.className = v;
      else if (k.startsWith('on')) e.addEventListener(k.substring(2), v);
      else if (v !== undefined && v !== null) e.setAttribute(k, v);
    }
    for (const c of children.flat()) if (c !== null && c !== undefined) e.append(c instanceof Node ? c : String(c));
    return e;
  }

  // The API writes a month either as "YYYY-MM" or as { year, month }.
  function period(p) {
    if (typeof p === 'string') return p;
    return p.year + '-' + String(p.month).padStart(2, '0');
  }

  // Figures with one decimal, rounded half away from zero (Ballast's display rule), grouped by thousands.
  function number(x, decimals = 1) {
    if (x === null || x === undefined) return '—';
    const f = 10 ** decimals;
    const r = Math.sign(x) * Math.round(Math.abs(x) * f) / f;
    return r.toLocaleString('en-US', { minimumFractionDigits: decimals, maximumFractionDigits: decimals });
  }

  function time(iso) {
    return new Date(iso).toLocaleString(lang === 'zh' ? 'zh-CN' : 'en-GB', { timeZone: 'Asia/Shanghai', dateStyle: 'medium', timeStyle: 'short' });
  }

  document.addEventListener('DOMContentLoaded', () => {
    const toggle = document.getElementById('lang-switch');
    if (toggle) toggle.addEventListener('click', () => setLang(lang === 'zh' ? 'en' : 'zh'));
    const out = document.getElementById('sign-out');
    if (out) out.addEventListener('click', signOut);
    setLang(lang);
  });

  return { t, setLang, onLang, api, session, el, period, number, time, get lang() { return lang; } };
})();
