/**
 * Plain reference for the benchmark (deliberately naive, not used by guichet): for each candidate
 * n from ceil(A) upwards, recompute Erlang B from B(0) = 1 by the recursion, then Erlang C and the
 * service level with the textbook formulas, until the target is met. O(n) work per candidate.
 */
export function naiveRequiredAgents(options: {
  trafficErlangs: number;
  ahtSeconds: number;
  targetAnswerSeconds: number;
  serviceLevel: number;
}): number {
  const { trafficErlangs: a, ahtSeconds: h, targetAnswerSeconds: t, serviceLevel } = options;
  if (a === 0) return 0;
  for (let n = Math.max(1, Math.ceil(a)); ; n++) {
    if (n <= a) continue; // Erlang C needs n > A
    let b = 1;
    for (let k = 1; k <= n; k++) b = (a * b) / (k + a * b);
    const c = (n * b) / (n - a * (1 - b));
    const sl = 1 - c * Math.exp((-(n - a) * t) / h);
    if (sl >= serviceLevel) return n;
  }
}
