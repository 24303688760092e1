import { solveBipartite } from './bipartite-assignment.ts';
import { detectBipartite } from './bipartite-shape.ts';
import type { FlowProblem, FlowSolution } from './flow-problem.ts';
import { solveNetworkSimplex } from './network-simplex.ts';

export type FlowEngine = 'auto' | 'network-simplex' | 'bipartite';

/**
 * Solves any DIMACS min-cost-flow problem exactly. `auto` takes the specialised candidate → offer
 * engine when the problem has that shape (about 10× faster than the general one there) and the
 * network simplex otherwise.
 */
export function solveMinCostFlow(problem: FlowProblem, options: { engine?: FlowEngine } = {}): FlowSolution {
  const engine = options.engine ?? 'auto';
  if (engine !== 'network-simplex') {
    const inst = detectBipartite(problem);
    if (inst) return solveBipartite(problem, inst);
    if (engine === 'bipartite') throw new Error('the problem does not have the candidate → offer → sink shape');
  }
  return solveNetworkSimplex(problem);
}
