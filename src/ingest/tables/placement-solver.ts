/**
 * Placing figures whose column the layout does not say, as a small constraint problem.
 *
 * Each ambiguous row is a variable whose values are its candidate placements (which column
 * each printed figure goes to, in printed order). Constraints are linear equalities over cells
 * (`parent = Σ children` in one column, `合计 row = Σ 类 rows`, a value known from another table).
 * The search is depth-first with bounds propagation (each term's min/max over its remaining
 * candidates must let the sum reach its target) and a node budget. The answer is, per variable,
 * the set of candidates that occur in at least one consistent solution ("supported").
 */

/** A candidate placement: the value it puts in each column (undefined = empty, counted as 0). */
export interface Candidate {
  /** Column index of each printed figure, in printed order. */
  readonly columns: readonly number[];
  /** Value per column in whole 分 (0 for empty). */
  readonly values: readonly number[];
}

export interface Term {
  readonly variable: number;
  /** Σ coef × value[column] for this variable. */
  readonly parts: ReadonlyArray<readonly [column: number, coef: number]>;
}

/** Σ terms = target. */
export interface LinearConstraint {
  readonly terms: readonly Term[];
  readonly target: number;
}

export interface PlacementProblem {
  readonly domains: ReadonlyArray<readonly Candidate[]>;
  readonly constraints: readonly LinearConstraint[];
}

export interface PlacementSolution {
  /** `supported[v]` lists indices into `domains[v]` that occur in some consistent solution. */
  readonly supported: readonly (readonly number[])[];
  readonly satisfiable: boolean;
  /** The node budget ran out: supports are incomplete (treated as ambiguous by the caller). */
  readonly capped: boolean;
  readonly nodes: number;
  /** Per variable: its component solved, out of budget, or without any solution. */
  readonly status: readonly VariableStatus[];
}

export type VariableStatus = 'solved' | 'capped' | 'unsatisfiable';

const termValue = (term: Term, c: Candidate): number => {
  let s = 0;
  for (const [col, coef] of term.parts) s += coef * (c.values[col] ?? 0);
  return s;
};

class Search {
  nodes = 0;
  capped = false;
  private readonly byVariable: number[][];
  /**
   * `termValues[ki][ti][ci]`: the value of term ti of constraint ki under candidate ci of its
   * variable. Fixed for the whole search, so computed once rather than at every node.
   */
  private readonly termValues: number[][][];

  constructor(
    private readonly problem: PlacementProblem,
    private readonly budget: number,
  ) {
    this.byVariable = problem.domains.map(() => []);
    problem.constraints.forEach((k, ki) => {
      for (const t of k.terms) this.byVariable[t.variable]?.push(ki);
    });
    this.termValues = problem.constraints.map((k) => k.terms.map((t) => (problem.domains[t.variable] ?? []).map((c) => termValue(t, c))));
  }

  /**
   * Prune candidates that cannot reach a constraint's target; false when a domain empties.
   * `changed`: only the constraints of this variable need a first look (all when undefined).
   */
  propagate(domains: (readonly number[])[], changed?: number): boolean {
    const { constraints } = this.problem;
    const queue = changed === undefined ? constraints.map((_, i) => i) : [...(this.byVariable[changed] ?? [])];
    const queued = new Set(queue);
    for (let head = 0; head < queue.length; head++) {
      const ki = queue[head] as number;
      queued.delete(ki);
      const k = constraints[ki];
      const values = this.termValues[ki];
      if (!k || !values) continue;
      const mins: number[] = [];
      const maxs: number[] = [];
      let lo = 0;
      let hi = 0;
      for (let ti = 0; ti < k.terms.length; ti++) {
        const variable = k.terms[ti]?.variable ?? -1;
        let mn = Infinity;
        let mx = -Infinity;
        for (const ci of domains[variable] ?? []) {
          const v = values[ti]?.[ci];
          if (v === undefined) continue;
          if (v < mn) mn = v;
          if (v > mx) mx = v;
        }
        if (mn === Infinity) return false;
        mins.push(mn);
        maxs.push(mx);
        lo += mn;
        hi += mx;
      }
      if (k.target < lo || k.target > hi) return false;
      k.terms.forEach((t, ti) => {
        const dom = domains[t.variable];
        if (!dom || dom.length <= 1) return;
        const restLo = lo - (mins[ti] ?? 0);
        const restHi = hi - (maxs[ti] ?? 0);
        const kept = dom.filter((ci) => {
          const v = values[ti]?.[ci];
          if (v === undefined) return false;
          const need = k.target - v;
          return need >= restLo && need <= restHi;
        });
        if (kept.length !== dom.length) {
          domains[t.variable] = kept;
          for (const other of this.byVariable[t.variable] ?? []) {
            if (!queued.has(other)) {
              queued.add(other);
              queue.push(other);
            }
          }
        }
      });
      if (k.terms.some((t) => (domains[t.variable]?.length ?? 0) === 0)) return false;
    }
    return true;
  }

  /** First solution below `domains` (each domain narrowed to one candidate), or undefined. */
  solve(domains: readonly (readonly number[])[], changed?: number): number[] | undefined {
    if (this.nodes >= this.budget) {
      this.capped = true;
      return undefined;
    }
    this.nodes++;
    // A shallow copy is enough: propagation replaces a variable's candidate list, never edits one,
    // so the lists can be shared between search nodes.
    const work = domains.slice();
    if (!this.propagate(work, changed)) return undefined;
    let pick = -1;
    for (let v = 0; v < work.length; v++) {
      const n = work[v]?.length ?? 0;
      if (n > 1 && (pick < 0 || n < (work[pick]?.length ?? 0))) pick = v;
    }
    if (pick < 0) return work.map((d) => d[0] ?? -1);
    for (const ci of work[pick] ?? []) {
      const next = work.map((d, v) => (v === pick ? [ci] : d));
      const found = this.solve(next, pick);
      if (found) return found;
      if (this.capped) return undefined;
    }
    return undefined;
  }
}

/**
 * Which candidates of each variable occur in some solution, as far as they matter for placing its
 * figures. One search per candidate that could still decide something, each also marking every
 * candidate of the solution it finds.
 */
const solveComponent = (problem: PlacementProblem, budget: number): PlacementSolution => {
  const search = new Search(problem, budget);
  const root: (readonly number[])[] = problem.domains.map((d) => d.map((_, i) => i));
  const satisfiableRoot = search.propagate(root);
  const first = satisfiableRoot ? search.solve(root) : undefined;
  if (!first && search.capped) {
    // Out of budget before any solution: nothing is proven, every remaining candidate stays possible.
    return { supported: root.map((d) => d.slice()), satisfiable: true, capped: true, nodes: search.nodes, status: root.map(() => 'capped') };
  }
  if (!first) {
    const status: VariableStatus = search.capped ? 'capped' : 'unsatisfiable';
    return { supported: problem.domains.map(() => []), satisfiable: false, capped: search.capped, nodes: search.nodes, status: root.map(() => status) };
  }
  const marks = problem.domains.map(() => new Set<number>());
  const mark = (sol: readonly number[]): void => sol.forEach((ci, v) => marks[v]?.add(ci));
  mark(first);
  const unknown = problem.domains.map(() => new Set<number>());
  /**
   * Would candidate ci of v change what is decided about v? Only if it moves a figure whose
   * supported candidates so far agree on one column. (So the columns listed for an ambiguous
   * figure are those found possible, not necessarily all of them.)
   */
  const couldDecide = (v: number, ci: number): boolean => {
    const cand = problem.domains[v]?.[ci];
    if (!cand) return false;
    const seen = [...(marks[v] ?? [])].map((m) => problem.domains[v]?.[m]);
    return cand.columns.some((col, i) => {
      const cols = new Set(seen.map((c) => c?.columns[i]));
      return cols.size === 1 && !cols.has(col);
    });
  };
  for (let v = 0; v < root.length; v++) {
    for (const ci of root[v] ?? []) {
      if (marks[v]?.has(ci) || !couldDecide(v, ci)) continue;
      if (search.capped) {
        unknown[v]?.add(ci);
        continue;
      }
      const fixed = root.map((d, w) => (w === v ? [ci] : d));
      const sol = search.solve(fixed, v);
      if (sol) mark(sol);
      else if (search.capped) unknown[v]?.add(ci);
    }
  }
  // Candidates the budget left undecided count as possible: never place on an unfinished proof.
  const supported = marks.map((s, v) => [...s, ...(unknown[v] ?? [])].sort((a, b) => a - b));
  const status: VariableStatus = search.capped ? 'capped' : 'solved';
  return { supported, satisfiable: true, capped: search.capped, nodes: search.nodes, status: supported.map(() => status) };
};

/** Every order-preserving way to put `k` printed figures into `n` columns (C(n, k) of them). */
export const orderPreservingPlacements = (k: number, n: number): number[][] => {
  const out: number[][] = [];
  const rec = (start: number, acc: number[]): void => {
    if (acc.length === k) {
      out.push(acc.slice());
      return;
    }
    for (let c = start; c <= n - (k - acc.length); c++) {
      acc.push(c);
      rec(c + 1, acc);
      acc.pop();
    }
  };
  if (k <= n) rec(0, []);
  return out;
};

/**
 * Solve each connected component (variables linked through constraints) on its own, each with its
 * own node budget: a hard corner of one table cannot starve the rest, and a printed slip leaves
 * only its own component unsatisfiable (its variables get no supported candidate).
 */
export const solvePlacement = (problem: PlacementProblem, budget = 2_000): PlacementSolution => {
  const n = problem.domains.length;
  const parent = Array.from({ length: n }, (_, i) => i);
  const find = (x: number): number => {
    let r = x;
    while (parent[r] !== r) r = parent[r] ?? r;
    while (parent[x] !== r) {
      const next = parent[x] ?? r;
      parent[x] = r;
      x = next;
    }
    return r;
  };
  for (const k of problem.constraints) {
    const first = k.terms[0]?.variable;
    if (first === undefined) continue;
    for (const t of k.terms) parent[find(t.variable)] = find(first);
  }
  // Grouped by appending in place (not by copying the group on every insert, which is quadratic).
  const members = new Map<number, number[]>();
  for (let v = 0; v < n; v++) {
    const group = members.get(find(v));
    if (group) group.push(v);
    else members.set(find(v), [v]);
  }
  const constraintsOf = new Map<number, LinearConstraint[]>();
  for (const k of problem.constraints) {
    const first = k.terms[0]?.variable;
    if (first === undefined) continue;
    const root = find(first);
    const group = constraintsOf.get(root);
    if (group) group.push(k);
    else constraintsOf.set(root, [k]);
  }
  const supported: (readonly number[])[] = new Array<readonly number[]>(n).fill([]);
  const status: VariableStatus[] = new Array<VariableStatus>(n).fill('solved');
  let satisfiable = true;
  let capped = false;
  let nodes = 0;
  for (const [root, vars] of members) {
    const local = new Map(vars.map((v, i) => [v, i] as const));
    const sub: PlacementProblem = {
      domains: vars.map((v) => problem.domains[v] ?? []),
      constraints: (constraintsOf.get(root) ?? []).map((k) => ({
        target: k.target,
        terms: k.terms.map((t) => ({ variable: local.get(t.variable) ?? 0, parts: t.parts })),
      })),
    };
    const s = solveComponent(sub, budget);
    nodes += s.nodes;
    capped ||= s.capped;
    satisfiable &&= s.satisfiable;
    vars.forEach((v, i) => {
      supported[v] = s.supported[i] ?? [];
      status[v] = s.status[i] ?? 'solved';
    });
  }
  return { supported, satisfiable, capped, nodes, status };
};
