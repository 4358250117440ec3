// What the browser benchmarks share (not a test): the in-page instrument that times each input
// event to the DOM updated and the next frame, the keyboard edits and typed digits they time, and
// the quantile of a list.

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

/**
 * `edits` keyboard edits over the levers of LEVERS, in turn (right arrow for a round, left for the
 * next); resolves to the instrument's record of each (the page must run `instrument`).
 */
export async function keyboardEdits(page, edits) {
  const all = await page.$$eval('[data-testid^="slider-"]', (els) => els.map((e) => e.dataset.testid));
  const controls = [...new Set(LEVERS.map((w) => all.find((id) => id.includes(w))).filter(Boolean))];
  for (let i = 0; i < edits; i++) {
    await page.focus(`[data-testid="${controls[i % controls.length]}"]`);
    await page.keyboard.press(Math.floor(i / controls.length) % 2 === 0 ? 'ArrowRight' : 'ArrowLeft');
    await page.waitForFunction((n) => window.__latency.length >= n, i + 1);
  }
  return { controls, records: await page.evaluate(() => window.__latency.splice(0)) };
}

/**
 * 30 typed digits into the individual contribution, 3 at a time after "1" (each one an edit);
 * resolves to the instrument's record of each.
 */
export async function typedDigits(page) {
  const box = '[data-testid="input-financing.individual"]';
  const typed = [];
  for (let i = 0; i < 10; i++) {
    await page.fill(box, '1');
    await page.waitForTimeout(200);
    await page.evaluate(() => window.__latency.splice(0));
    await page.focus(box);
    await page.keyboard.press('End');
    for (const key of ['5', String(i % 10), '0']) {
      await page.keyboard.press(key);
      await page.waitForFunction(() => window.__latency.length > 0);
      typed.push(...await page.evaluate(() => window.__latency.splice(0)));
    }
  }
  return typed;
}
