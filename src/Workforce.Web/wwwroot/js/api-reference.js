// The API reference (Scalar, served by the app itself): no fonts, proxies, AI agent or cloud tools from elsewhere; the intranet has no internet.
(function () {
  var app = document.getElementById('app');
  window.Scalar.createApiReference('#app', {
    sources: [{ title: 'Workforce API v1', url: app.getAttribute('data-openapi') }],
    withDefaultFonts: false,
    hideClientButton: true,
    showDeveloperTools: 'never',
    agent: { disabled: true },
    telemetry: false
  });
})();
