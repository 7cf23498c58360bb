// The replay slider: steps through the days something happened and opens the page as of that
// day (its permalink). Without JavaScript it stays hidden and the date form does the same.
for (const root of document.querySelectorAll('[data-module="app-replay-slider"]')) {
  const dates = root.dataset.dates ? root.dataset.dates.split(',') : [];
  if (dates.length < 2) continue;
  const slider = root.querySelector('input[type="range"]');
  const shown = root.querySelector('[data-testid="slider-date"]');
  root.hidden = false;
  slider.addEventListener('input', () => {
    shown.textContent = dates[Number(slider.value)];
    slider.setAttribute('aria-valuetext', dates[Number(slider.value)]);
  });
  slider.addEventListener('change', () => {
    const query = new URLSearchParams({ asOf: dates[Number(slider.value)] });
    if (root.dataset.knownAt) query.set('knownAt', root.dataset.knownAt);
    window.location.assign(`${root.dataset.base}?${query}`);
  });
}
