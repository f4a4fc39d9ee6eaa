/**
 * Which unknowns of a linear system are determined by it: x_t is determined when every solution of
 * A x = b has the same x_t, that is when the unit vector e_t lies in the row space of A. Gaussian
 * elimination to reduced row-echelon form: a variable is determined when it is a pivot whose row
 * has no free variable left. Coefficients are small integers; a tolerance absorbs rounding.
 */
export function determinedVariables(
  rows: readonly (readonly { column: number; coefficient: number }[])[],
  columns: number,
): Set<number> {
  const matrix = rows.map((row) => {
    const dense = new Float64Array(columns);
    for (const { column, coefficient } of row) dense[column] += coefficient;
    return dense;
  });
  const pivotOfRow: number[] = [];
  let rank = 0;
  for (let column = 0; column < columns && rank < matrix.length; column++) {
    let best = -1;
    for (let r = rank; r < matrix.length; r++) {
      if (
        Math.abs(matrix[r][column]) > 1e-9 &&
        (best < 0 || Math.abs(matrix[r][column]) > Math.abs(matrix[best][column]))
      ) {
        best = r;
      }
    }
    if (best < 0) continue;
    [matrix[rank], matrix[best]] = [matrix[best], matrix[rank]];
    const pivot = matrix[rank];
    const scale = pivot[column];
    for (let c = 0; c < columns; c++) pivot[c] /= scale;
    for (let r = 0; r < matrix.length; r++) {
      if (r === rank) continue;
      const factor = matrix[r][column];
      if (Math.abs(factor) <= 1e-12) continue;
      const row = matrix[r];
      for (let c = column; c < columns; c++) row[c] -= factor * pivot[c];
    }
    pivotOfRow.push(column);
    rank += 1;
  }
  const determined = new Set<number>();
  pivotOfRow.forEach((column, r) => {
    let alone = true;
    for (let c = 0; c < columns && alone; c++) {
      if (c !== column && Math.abs(matrix[r][c]) > 1e-9) alone = false;
    }
    if (alone) determined.add(column);
  });
  return determined;
}

/** Thrown when the linear programs of the audit would take more work than a question may cost. */
export class AuditBudgetExceeded extends Error {
  constructor() {
    super('disclosure audit too large');
  }
}

/**
 * The region { x ≥ 0 : A x = b } of a linear system known to be feasible (the true counts solve it),
 * for asking the largest value each variable can take over it (a linear program per variable; the
 * upper protection level of tau-ARGUS). A dense simplex tableau with Bland's rule (no cycling): phase
 * 1 once, in the constructor; each question then starts from the previous optimum, which is still a
 * feasible basis. `budget.work` counts tableau updates; running out throws AuditBudgetExceeded.
 */
export class FeasibleRegion {
  private readonly tableau: Float64Array[];
  private readonly basis: number[];
  /** The row a variable is basic in, or -1. */
  private readonly rowOf: Int32Array;
  private readonly width: number;
  private readonly rhsAt: number;

  constructor(
    rows: readonly (readonly { column: number; coefficient: number }[])[],
    rhs: readonly number[],
    private readonly columns: number,
    private readonly budget: { work: number },
    /**
     * Charge each update for the entries it touches rather than the whole tableau: the same work
     * measure, closer to the time it takes on sparse systems (linked tables).
     */
    private readonly chargeTouched = false,
  ) {
    const m = rows.length;
    this.width = columns + m + 1; // variables, artificials, right-hand side
    this.rhsAt = this.width - 1;
    this.tableau = rows.map((row, i) => {
      const dense = new Float64Array(this.width);
      const sign = rhs[i] < 0 ? -1 : 1;
      for (const { column, coefficient } of row) dense[column] += sign * coefficient;
      dense[columns + i] = 1;
      dense[this.rhsAt] = sign * rhs[i];
      return dense;
    });
    this.basis = rows.map((_, i) => columns + i);
    this.rowOf = new Int32Array(columns + m).fill(-1);
    this.basis.forEach((column, i) => (this.rowOf[column] = i));
    // Phase 1: maximise minus the artificials' sum; its reduced costs are kept as an extra row.
    const objective = new Float64Array(this.width);
    for (const row of this.tableau) for (let j = 0; j < columns; j++) objective[j] += row[j];
    for (;;) {
      let entering = -1;
      for (let j = 0; j < columns && entering < 0; j++) if (this.rowOf[j] < 0 && objective[j] > EPS) entering = j;
      if (entering < 0) break;
      const leaving = this.ratioTest(entering);
      if (leaving < 0) break; // cannot happen: phase 1 is bounded
      this.pivot(leaving, entering, objective);
    }
    // Artificials left in the basis (at zero): pivot them out on any variable of their row; a row
    // with none is redundant and stays led by its artificial, at zero.
    for (let i = 0; i < m; i++) {
      if (this.basis[i] < columns) continue;
      for (let j = 0; j < columns; j++) {
        if (this.rowOf[j] < 0 && Math.abs(this.tableau[i][j]) > EPS) {
          this.pivot(i, j);
          break;
        }
      }
    }
  }

  /** The largest value of x_target over the region (Infinity if unbounded), and a point reaching it. */
  maximise(target: number): { value: number; solution: Float64Array } {
    for (;;) {
      // With the objective x_target, a non-basic x_j has reduced cost 1 if it is the target, else
      // minus its coefficient in the target's row (when the target is basic).
      const r = this.rowOf[target];
      let entering = -1;
      if (r < 0) entering = target;
      else {
        const row = this.tableau[r];
        for (let j = 0; j < this.columns && entering < 0; j++) if (this.rowOf[j] < 0 && row[j] < -EPS) entering = j;
      }
      if (entering < 0) break;
      const leaving = this.ratioTest(entering);
      if (leaving < 0) return { value: Infinity, solution: this.solution() };
      this.pivot(leaving, entering);
    }
    const solution = this.solution();
    return { value: solution[target], solution };
  }

  /** The smallest value of x_target over the region (the lower protection level), and a point reaching it. */
  minimise(target: number): { value: number; solution: Float64Array } {
    const { value, solution } = this.optimise([{ column: target, coefficient: -1 }]);
    return { value: -value, solution };
  }

  /**
   * The largest value of a linear objective over the region (Infinity if unbounded), and a point
   * reaching it. Its reduced costs are kept as an extra row, as phase 1 keeps its own, so any
   * objective (a difference of two unknowns, a minimisation as a negated maximisation) starts from
   * the previous optimum.
   */
  optimise(objective: readonly { column: number; coefficient: number }[]): { value: number; solution: Float64Array } {
    const reduced = new Float64Array(this.width);
    for (const { column, coefficient } of objective) reduced[column] += coefficient;
    this.basis.forEach((column, i) => {
      const cost = reduced[column];
      if (cost === 0) return;
      const row = this.tableau[i];
      for (let j = 0; j < this.width; j++) if (row[j] !== 0) reduced[j] -= cost * row[j];
    });
    for (;;) {
      let entering = -1;
      for (let j = 0; j < this.columns && entering < 0; j++) if (this.rowOf[j] < 0 && reduced[j] > EPS) entering = j;
      if (entering < 0) break;
      const leaving = this.ratioTest(entering);
      if (leaving < 0) return { value: Infinity, solution: this.solution() };
      this.pivot(leaving, entering, reduced);
    }
    const solution = this.solution();
    return { value: objective.reduce((sum, t) => sum + t.coefficient * solution[t.column], 0), solution };
  }

  private solution(): Float64Array {
    const solution = new Float64Array(this.columns);
    this.basis.forEach((column, i) => {
      if (column < this.columns) solution[column] = Math.max(0, this.tableau[i][this.rhsAt]);
    });
    return solution;
  }

  private ratioTest(entering: number): number {
    let leaving = -1;
    let best = Infinity;
    for (let i = 0; i < this.tableau.length; i++) {
      const a = this.tableau[i][entering];
      if (a <= EPS) continue;
      const ratio = this.tableau[i][this.rhsAt] / a;
      if (ratio < best - EPS || (Math.abs(ratio - best) <= EPS && this.basis[i] < this.basis[leaving])) {
        best = ratio;
        leaving = i;
      }
    }
    return leaving;
  }

  private pivot(r: number, c: number, objective?: Float64Array): void {
    if (!this.chargeTouched) this.budget.work -= this.tableau.length * this.width;
    if (this.budget.work < 0) throw new AuditBudgetExceeded();
    const row = this.tableau[r];
    const scale = row[c];
    const nonZero: number[] = [];
    for (let j = 0; j < this.width; j++) {
      if (row[j] !== 0) {
        row[j] /= scale;
        nonZero.push(j);
      }
    }
    if (this.chargeTouched) {
      this.budget.work -= this.tableau.length * (nonZero.length + 1) + this.width;
      if (this.budget.work < 0) throw new AuditBudgetExceeded();
    }
    const eliminate = (other: Float64Array): void => {
      const factor = other[c];
      if (Math.abs(factor) <= 1e-12) return;
      for (const j of nonZero) other[j] -= factor * row[j];
      other[c] = 0;
    };
    for (let i = 0; i < this.tableau.length; i++) if (i !== r) eliminate(this.tableau[i]);
    if (objective) eliminate(objective);
    this.rowOf[this.basis[r]] = -1;
    this.basis[r] = c;
    this.rowOf[c] = r;
  }
}

const EPS = 1e-9;
