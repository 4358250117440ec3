// The JS API from Node: the wasm engine gives the same report as the native CLI, to the bit.
// Needs `scripts/build-js-api.sh` first (scripts/test.sh runs it).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));
const require = createRequire(import.meta.url);
const api = require(`${root}target/js-api/ncms_sim.js`);
const read = (path) => readFileSync(`${root}${path}`, 'utf8');

for (const id of ['taizhou-2012', 'taizhou-2013-plan', 'pinghu-2012', 'wafangdian-village-fee']) {
  test(`simulate(${id}) equals the native golden report exactly`, () => {
    const report = api.simulate(read(`scenarios/${id}.json`));
    const golden = JSON.parse(read(`tests/golden/${id}.json`));
    assert.deepStrictEqual(report, golden);
  });
}

test('simulate accepts a plain object and a horizon', () => {
  const scenario = JSON.parse(read('scenarios/taizhou-2012.json'));
  const report = api.simulate(scenario, 2);
  assert.equal(report.baseline.years.length, 2);
  assert.equal(report.baseline.years[0].income.total, '1895000000.00');
  assert.equal(report.format, 'ncms-sim/report@1');
});

test('validate reports every problem with its path in both languages', () => {
  const scenario = JSON.parse(read('scenarios/taizhou-2012.json'));
  scenario.population.enrollees = 0;
  scenario.lines[2].inpatient.reimbursement_ratio = 1.3;
  const result = api.validate(scenario);
  assert.equal(result.ok, false);
  assert.deepEqual(result.problems.map((p) => p.path), ['population.enrollees', 'lines[2].inpatient.reimbursement_ratio']);
  assert.equal(result.problems[1].value, '1.3');
  assert.match(result.problems[1].message.zh, /补偿比例/);
  assert.match(result.problems[1].message.en, /reimbursement ratio/);
  assert.deepEqual(api.validate(read('scenarios/pinghu-2012.json')), { ok: true, problems: [], warnings: [] });
});

test('bad arguments are refused with clear problems, and a good call still works after each', () => {
  const good = read('scenarios/pinghu-2012.json');
  const bad = [
    [() => api.simulate(undefined), /JSON string or a plain object, not undefined/],
    [() => api.simulate(() => 1), /JSON string or a plain object, not function/],
    [() => api.simulate([1, 2]), /JSON string or a plain object/],
    [() => api.validate(42), /not number/],
    [() => api.simulate(good, 1.5), /whole number from 1 to 10, not 1.5/],
    [() => api.simulate(good, 3.9), /not 3.9/],
    [() => api.simulate(good, '5'), /not text/],
    [() => api.simulate(good, 2 ** 32 + 3), /not 4294967299/],
    [() => api.simulate(good, 0), /not 0/],
    [() => api.simulate(good, 11), /not 11/],
  ];
  for (const [call, message] of bad) {
    assert.throws(call, (problems) => {
      assert.ok(Array.isArray(problems), 'a list of problems');
      assert.match(problems[0].message.en, message);
      assert.ok(problems[0].message.zh.length > 0);
      assert.doesNotMatch(problems[0].message.en, /unwrap|\.rs|panicked/);
      return true;
    });
    assert.equal(api.simulate(good, 2).baseline.years.length, 2, 'the module still works');
  }
  assert.equal(api.simulate(good, null).baseline.years.length, 5);
});

test('simulate throws the problems of an invalid or truncated scenario', () => {
  const text = read('scenarios/pinghu-2012.json');
  assert.throws(() => api.simulate(text.slice(0, 200)), (problems) => {
    assert.equal(problems.length, 1);
    assert.match(problems[0].message.en, /incomplete/);
    return true;
  });
  const scenario = JSON.parse(text);
  scenario.lines[0].outpatient.reimbursment_ratio = 0.4; // misspelt: rejected, not ignored
  assert.throws(() => api.simulate(scenario), (problems) => {
    assert.equal(problems[0].path, 'lines[0].outpatient.reimbursment_ratio');
    return true;
  });
});

test('calibrate turns the seed 000 figures file into a scenario that reproduces them', () => {
  const bytes = readFileSync(`${root}scenarios/figures/taizhou-2012.csv`);
  const result = api.calibrate(bytes, 'taizhou-2012.csv', 'en');
  assert.equal(result.scenario.id, 'taizhou-2012');
  assert.equal(result.table.length, 11);
  for (const row of result.table) {
    assert.ok(Math.abs(row.deviation) < 0.01, `${row.key}: ${row.deviation}`);
  }
  const raised = result.table.find((row) => row.key === 'funds_raised');
  assert.equal(raised.reported, 1895000000);
  assert.equal(raised.cell.reference, 'D19');
  // The scenario is a file the engine reads as it is.
  assert.equal(api.validate(result.scenario).ok, true);
});

test('the template comes as CSV text and as an .xlsx workbook the wasm reads back', () => {
  const csv = api.template('csv', 'zh');
  assert.ok(csv.startsWith('\ufeff新农合基金年度统计数据'));
  const xlsx = api.template('xlsx', 'en');
  assert.ok(xlsx instanceof Uint8Array);
  assert.deepEqual([...xlsx.slice(0, 4)], [0x50, 0x4b, 0x03, 0x04]);
  // Blank, it asks for the figures a scenario needs, in both languages.
  assert.throws(() => api.calibrate(xlsx, 'blank.xlsx', 'en'), (problems) => {
    assert.deepEqual(problems.map((p) => p.path), ['year', 'enrollees', 'funding.per_head']);
    assert.match(problems[0].message.zh, /缺少年度/);
    return true;
  });
  assert.throws(() => api.template('xls', 'zh'), (problems) => /csv or xlsx, not xls/.test(problems[0].message.en));
});

test('a bad figures file names its cell', () => {
  const csv = readFileSync(`${root}scenarios/figures/taizhou-2012.csv`, 'utf8').replace('funds_raised,当年筹集基金总额,Funds raised in the year,1895000000', 'funds_raised,当年筹集基金总额,Funds raised in the year,18.95亿');
  assert.throws(() => api.calibrate(new TextEncoder().encode(csv), 't.csv', 'zh'), (problems) => {
    assert.equal(problems[0].cell.reference, 'D19');
    assert.match(problems[0].message.zh, /现为文字“18.95亿”/);
    return true;
  });
});

/** The native CLI's JSON for `ncms ARGS…` (built if needed). */
function cli(...args) {
  execFileSync('cargo', ['build', '-q', '--bin', 'ncms'], { cwd: root, stdio: 'inherit' });
  return JSON.parse(execFileSync(`${root}target/debug/ncms`, [...args, '--format', 'json'], { cwd: root, encoding: 'utf8', maxBuffer: 64 << 20 }));
}

test('solve and sensitivity equal ncms solve and ncms sensitivity to the bit', () => {
  const plan = read('scenarios/taizhou-2013-plan.json');
  const answer = api.solve(plan, 'funding_per_head', 'surplus>=0');
  assert.equal(answer.value, 438.11);
  const { format, ...native } = cli('solve', 'scenarios/taizhou-2013-plan.json', '--lever', 'funding_per_head', '--target', 'surplus>=0');
  assert.equal(format, 'ncms-sim/answer@1');
  assert.deepStrictEqual(answer, native);
  const every = api.solve(JSON.parse(plan), 'inpatient_ratios', 'closing_balance>=0', 'all');
  const { format: _, ...everyNative } = cli('solve', 'scenarios/taizhou-2013-plan.json', '--lever', 'inpatient_ratios', '--target', 'closing_balance>=0', '--year', 'all');
  assert.deepStrictEqual(every, everyNative);

  const tornado = api.sensitivity(plan, 'outpatient_share');
  const { format: f, ...tornadoNative } = cli('sensitivity', 'scenarios/taizhou-2013-plan.json', '--outcome', 'outpatient_share');
  assert.equal(f, 'ncms-sim/tornado@1');
  assert.deepStrictEqual(tornado, tornadoNative);
  assert.equal(api.sensitivity(plan).ten_percent[0].swing.value, '256360000.00');
});

test('solve under risk equals ncms solve to the bit; the chance of running out defaults to the horizon', () => {
  const plan = read('scenarios/taizhou-2013-plan.json');
  const deficit = api.solve(plan, 'funding_per_head', 'p_deficit<=10%');
  assert.equal(deficit.value, 480.86);
  const { format, ...deficitNative } = cli('solve', 'scenarios/taizhou-2013-plan.json', '--lever', 'funding_per_head', '--target', 'p_deficit<=10%');
  assert.deepStrictEqual(deficit, deficitNative);
  const runOut = api.solve(plan, 'inpatient_ratios', 'p_exhausted<=5%');
  assert.equal(runOut.value, -0.256842);
  assert.equal(runOut.target.when.kind, 'every_year');
  const { format: _, ...runOutNative } = cli('solve', 'scenarios/taizhou-2013-plan.json', '--lever', 'inpatient_ratios', '--target', 'p_exhausted<=5%');
  assert.deepStrictEqual(runOut, runOutNative);
});

test('solve and sensitivity name the bad argument; a good call still works after', () => {
  const plan = read('scenarios/taizhou-2013-plan.json');
  const named = (path) => (problems) => problems[0].path === path && problems[0].message.zh.length > 0;
  assert.throws(() => api.solve(plan, 'projection.cost_growth', 'surplus>=0'), named('lever'));
  assert.throws(() => api.solve(plan, 'funding_per_head', 'profit>=0'), named('target'));
  assert.throws(() => api.solve(plan, 'funding_per_head', 'surplus>=0', 2099), named('year'));
  assert.throws(() => api.solve(plan, 'funding_per_head', 'surplus>=0', 2013.5), named('year'));
  assert.throws(() => api.sensitivity(plan, 42), named('outcome'));
  assert.throws(() => api.sensitivity(plan, 'profit'), named('outcome'));
  assert.throws(() => api.sensitivity(undefined), named('scenario'));
  const broken = JSON.parse(plan);
  broken.proposal['lines[2].inpatient.reimbursement_ratio'] = 1.3;
  assert.throws(() => api.solve(broken, 'funding_per_head', 'surplus>=0'),
    (problems) => problems[0].path === 'proposal.lines[2].inpatient.reimbursement_ratio');
  assert.equal(api.solve(plan, 'funding_per_head', 'surplus>=0').status, 'solved');
});

test('sensitivity and solve take the protection figures, equal to the CLI to the bit', () => {
  const plan = read('scenarios/taizhou-2013-plan.json');
  const file = 'scenarios/taizhou-2013-plan.json';
  const tornado = api.sensitivity(plan, 'inpatient_catastrophic_10');
  const { format, ...native } = cli('sensitivity', file, '--outcome', 'inpatient_catastrophic_10');
  assert.equal(format, 'ncms-sim/tornado@1');
  assert.deepStrictEqual(tornado, native);
  assert.equal(tornado.outcome.indicator, 'inpatient_catastrophic_10');
  const answer = api.solve(plan, 'inpatient_ratios', 'inpatient_catastrophic_10<=15%');
  const { format: f, ...nativeAnswer } = cli('solve', file, '--lever', 'inpatient_ratios', '--target', 'inpatient_catastrophic_10<=15%');
  assert.equal(f, 'ncms-sim/answer@1');
  assert.deepStrictEqual(answer, nativeAnswer);
  assert.equal(answer.value, 0.067196);
  const named = (path) => (problems) => problems[0].path === path && problems[0].message.zh.length > 0;
  assert.throws(() => api.solve(plan, 'inpatient_ratios', 'catastrophic_10<=0.1', 'all'), named('year'));
  assert.throws(() => api.sensitivity(plan, 'catastrophic_10', 2014), named('outcome'));
});

test('protection equals ncms protection to the bit, in either language', () => {
  const plan = read('scenarios/taizhou-2013-plan.json');
  const figures = api.protection(plan, 'en');
  assert.equal(figures.format, 'ncms-sim/protection@1');
  assert.deepEqual(figures.plans.map((p) => p.name), ['baseline', 'proposal']);
  assert.equal(figures.plans[0].change, null);
  assert.ok(figures.plans[1].overall.catastrophic_10 < figures.plans[0].overall.catastrophic_10);
  assert.deepStrictEqual(figures, cli('protection', 'scenarios/taizhou-2013-plan.json', '--lang', 'en'));
  const zh = api.protection(JSON.parse(read('scenarios/pinghu-2012.json')));
  assert.equal(zh.plans[0].name, '基线');
  assert.deepStrictEqual(zh, cli('protection', 'scenarios/pinghu-2012.json', '--lang', 'zh'));
  assert.throws(() => api.protection(plan, 'fr'), (problems) => /lang must be zh or en, not fr/.test(problems[0].message.en));
  assert.throws(() => api.protection(plan.slice(0, 100), 'en'), (problems) => /incomplete/.test(problems[0].message.en));
});

test('risk equals ncms risk to the bit, in either language, and names its bad options', () => {
  const plan = read('scenarios/taizhou-2013-plan.json');
  const figures = api.risk(plan, { draws: 500, seed: 7, lang: 'en' });
  assert.equal(figures.format, 'ncms-sim/risk@1');
  assert.deepEqual(figures.plans.map((p) => p.name), ['baseline', 'proposal']);
  assert.equal(typeof figures.plans[1].years[0].closing_balance.p50, 'string');
  assert.deepStrictEqual(figures, cli('risk', 'scenarios/taizhou-2013-plan.json', '--draws', '500', '--seed', '7', '--lang', 'en'));
  const certain = api.risk(JSON.parse(read('scenarios/pinghu-2012.json')), { spreadScale: 0 });
  assert.equal(certain.plans[0].name, '基线');
  assert.deepStrictEqual(certain, cli('risk', 'scenarios/pinghu-2012.json', '--spread-scale', '0', '--lang', 'zh'));
  const named = (path) => (problems) => problems[0].path === path && problems[0].message.zh.length > 0;
  assert.throws(() => api.risk(plan, { draws: 0 }), named('draws'));
  assert.throws(() => api.risk(plan, { draws: '100' }), named('draws'));
  assert.throws(() => api.risk(plan, { seed: -1 }), named('seed'));
  assert.throws(() => api.risk(plan, { spreadScale: 11 }), named('spread_scale'));
  assert.throws(() => api.risk(plan, { spread: 1 }), named('spread'));
  assert.throws(() => api.risk(plan, [1]), named('options'));
  assert.equal(api.risk(plan, { draws: 10 }).draws, 10);
});
