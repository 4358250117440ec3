// What the browser benchmarks share (not a test): the in-page instrument that times each input
// event to the DOM updated and the next frame, the levers they edit, and the quantile of a list.

/** The q-quantile of `values` (the nearest rank). */
export function quantile(values, q) {
  const sorted = [...values].sort((a, b) => a - b);
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[i];
}

/** The levers the keyboard edits go over, by a part of their test id. */
export const LEVERS = [
  'financing.individual', 'financing.government.county', '.outpatient.reimbursement_ratio',
  '.inpatient.reimbursement_ratio', '.inpatient.deductible', 'annual_ceiling', 'admission_cap',
];

// Records, in the page, every input event's latency to the DOM update and the next frame.
export function instrument() {
  window.__latency = [];
  window.__firstResults = undefined;
  const first = new MutationObserver(() => {
    if (window.__firstResults === undefined && document.querySelector('[data-testid="kpi-income"]')) {
      window.__firstResults = performance.now();
      first.disconnect();
    }
  });
  first.observe(document, { subtree: true, childList: true });
  document.addEventListener('input', (event) => {
    const record = { control: event.target.dataset.testid, start: event.timeStamp, mutations: 0, nodes: 0 };
    const touched = new Set();
    let framed = false;
    // Every change to the DOM until the next frame: how many, and on how many nodes.
    const observer = new MutationObserver((list) => {
      if (record.dom === undefined) record.dom = performance.now();
      for (const m of list) {
        record.mutations += 1;
        touched.add(m.target);
        m.addedNodes.forEach((n) => touched.add(n));
        m.removedNodes.forEach((n) => touched.add(n));
      }
      if (!framed) {
        framed = true;
        requestAnimationFrame(() => {
          record.frame = performance.now();
          observer.takeRecords().forEach((m) => { record.mutations += 1; touched.add(m.target); });
          observer.disconnect();
          record.nodes = touched.size;
          window.__latency.push(record);
        });
      }
    });
    observer.observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true });
  }, true);
}
