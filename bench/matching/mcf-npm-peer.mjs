#!/usr/bin/env node
// Runs the npm package `min-cost-flow` (successive shortest paths, dense n×n matrices) on a DIMACS
// file, for the side-by-side benchmark. Not part of the product: the package is installed by
// mcf-bench.ts into bench/.peers/npm (git-ignored), never into package.json.
// Usage: node mcf-npm-peer.mjs PACKAGE_DIR FILE.min   → prints "cost C solve_s T"
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';

const [pkgDir, file] = process.argv.slice(2);
const require = createRequire(join(resolve(pkgDir), 'package.json'));
const { minCostFlowForNumberNodes } = require('min-cost-flow');

// The package wants node 0 = source, node n−1 = sink and at most one edge per node pair: wrap the
// supplies with a super source and a super sink (node ids shifted by one).
let n = 0;
const supply = [];
const edges = [];
for (const line of readFileSync(file, 'latin1').split('\n')) {
  const t = line.trim().split(/\s+/);
  if (t[0] === 'p') {
    n = Number(t[2]);
    for (let i = 0; i <= n; i++) supply.push(0);
  } else if (t[0] === 'n') supply[Number(t[1])] = Number(t[2]);
  else if (t[0] === 'a') {
    if (Number(t[3]) !== 0) throw new Error('min-cost-flow peer: lower bounds are not supported');
    edges.push({ from: Number(t[1]), to: Number(t[2]), capacity: Number(t[4]), cost: Number(t[5]) });
  }
}
const sink = n + 1;
let total = 0;
for (let u = 1; u <= n; u++) {
  if (supply[u] > 0) {
    edges.push({ from: 0, to: u, capacity: supply[u], cost: 0 });
    total += supply[u];
  } else if (supply[u] < 0) edges.push({ from: u, to: sink, capacity: -supply[u], cost: 0 });
}
const t0 = performance.now();
const result = minCostFlowForNumberNodes(edges, total);
const t1 = performance.now();
let cost = 0;
let out = 0;
for (const e of result) {
  cost += e.flow * e.cost;
  if (e.from === 0) out += e.flow;
}
if (out !== total) {
  console.log(`cost INFEASIBLE solve_s ${((t1 - t0) / 1000).toFixed(3)}`);
} else {
  console.log(`cost ${cost} solve_s ${((t1 - t0) / 1000).toFixed(3)}`);
}
