'use strict';
// Sign-in for every role: enterprises go on to /filing, everyone else to the dashboard (or back where they came from).
document.getElementById('signin-form').addEventListener('submit', async event => {
  event.preventDefault();
  const status = document.getElementById('signin-status');
  status.textContent = '';
  const r = await Ballast.api('POST', '/api/session', {
    userName: document.getElementById('userName').value,
    password: document.getElementById('password').value,
  });
  if (!r.ok) {
    status.className = 'status error';
    status.textContent = r.status === 401 ? Ballast.t({ en: 'The user name or the password is wrong.', zh: '用户名或密码错误。' })
      : r.status === 429 ? Ballast.t({ en: 'Too many attempts; wait a minute.', zh: '尝试次数过多，请一分钟后再试。' })
      : (r.json && (r.json.detail || r.json.title)) || ('HTTP ' + r.status);
    return;
  }
  const back = new URLSearchParams(location.search).get('return');
  const safeBack = back && back.startsWith('/') && !back.startsWith('//') ? back : null;
  // An enterprise goes back only to its own pages (filing, programs, arrears), never to a reviewer's page.
  const enterprisePage = safeBack && (safeBack.startsWith('/filing') || /^\/(programs|arrears)(\?|$)/.test(safeBack));
  location.href = r.json.role === 'enterprise' ? (enterprisePage ? safeBack : '/filing') : (safeBack ?? '/');
});
