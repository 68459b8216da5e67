import { describe, expect, it } from 'vitest';
import { orderPreservingPlacements, solvePlacement, type Candidate, type PlacementProblem } from './placement-solver.ts';

/** Candidates of a row printed as `total part` into [合计, 基本支出, 项目支出]: the part is 基本 or 项目. */
const twoWay = (v: number): Candidate[] => [
  { columns: [0, 1], values: [v, v, 0] },
  { columns: [0, 2], values: [v, 0, v] },
];

describe('orderPreservingPlacements', () => {
  it.each([
    [2, 3, [[0, 1], [0, 2], [1, 2]]],
    [0, 3, [[]]],
    [3, 3, [[0, 1, 2]]],
    [4, 3, []],
  ])('places %i figures into %i columns in printed order', (k, n, expected) => {
    expect(orderPreservingPlacements(k, n)).toEqual(expected);
  });

  it('counts C(7, 2) placements for a two-figure row of table 9', () => {
    expect(orderPreservingPlacements(2, 7)).toHaveLength(21);
  });
});

describe('solvePlacement', () => {
  it('decides each row when the column sums allow one placement only', () => {
    // 基本 column: x0 + x1 = 300 with values 100 and 200 — both must be 基本.
    const problem: PlacementProblem = {
      domains: [twoWay(100), twoWay(200)],
      constraints: [{ terms: [{ variable: 0, parts: [[1, 1]] }, { variable: 1, parts: [[1, 1]] }], target: 300 }],
    };
    const s = solvePlacement(problem);
    expect(s.satisfiable).toBe(true);
    expect(s.supported).toEqual([[0], [0]]);
  });

  it('keeps every candidate that occurs in some solution', () => {
    // 100 + 100 in two rows, 基本 total 100: either row may be the 基本 one.
    const problem: PlacementProblem = {
      domains: [twoWay(100), twoWay(100)],
      constraints: [{ terms: [{ variable: 0, parts: [[1, 1]] }, { variable: 1, parts: [[1, 1]] }], target: 100 }],
    };
    expect(solvePlacement(problem).supported).toEqual([[0, 1], [0, 1]]);
  });

  it('says when no placement satisfies the arithmetic', () => {
    const problem: PlacementProblem = {
      domains: [twoWay(100)],
      constraints: [{ terms: [{ variable: 0, parts: [[1, 1]] }], target: 50 }],
    };
    expect(solvePlacement(problem).satisfiable).toBe(false);
  });

  it('handles negative figures by bounds, not by sign assumptions', () => {
    const problem: PlacementProblem = {
      domains: [twoWay(-100), twoWay(300)],
      constraints: [{ terms: [{ variable: 0, parts: [[2, 1]] }, { variable: 1, parts: [[2, 1]] }], target: 200 }],
    };
    expect(solvePlacement(problem).supported).toEqual([[1], [1]]);
  });

  it('stops at its node budget and reports it, counting undecided candidates as possible', () => {
    const n = 14;
    const problem: PlacementProblem = {
      domains: Array.from({ length: n }, () => twoWay(100)),
      constraints: [{ terms: Array.from({ length: n }, (_, variable) => ({ variable, parts: [[1, 1] as const] })), target: 700 }],
    };
    const s = solvePlacement(problem, 5);
    expect(s.capped).toBe(true);
    expect(s.supported.every((c) => c.length === 2)).toBe(true);
  });
});
