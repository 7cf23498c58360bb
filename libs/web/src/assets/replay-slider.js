// The replay slider: steps through the days something happened and opens the page as of that
// day (its permalink). Without JavaScript it stays hidden and the date form does the same.
// Each step is labelled as the server writes it ("2013 (approximate)", "1 March 2013"), read from
// data-labels, so the label reads the same while dragging as on the page drawn after.
for (const root of document.querySelectorAll('[data-module="app-replay-slider"]')) {
  const dates = root.dataset.dates ? root.dataset.dates.split(',') : [];
  if (dates.length < 2) continue;
  let labels = [];
  try {
    labels = JSON.parse(root.dataset.labels || '[]');
  } catch {
    // A page without labels (an old cached one) shows the days themselves.
  }
  const labelOf = (i) => (typeof labels[i] === 'string' ? labels[i] : dates[i]);
  const slider = root.querySelector('input[type="range"]');
  const shown = root.querySelector('[data-testid="slider-date"]');
  root.hidden = false;
  slider.addEventListener('input', () => {
    shown.textContent = labelOf(Number(slider.value));
    slider.setAttribute('aria-valuetext', labelOf(Number(slider.value)));
  });
  slider.addEventListener('change', () => {
    const query = new URLSearchParams({ asOf: dates[Number(slider.value)] });
    if (root.dataset.knownAt) query.set('knownAt', root.dataset.knownAt);
    window.location.assign(`${root.dataset.base}?${query}`);
  });
}
