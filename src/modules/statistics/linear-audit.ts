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
