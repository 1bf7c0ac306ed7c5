// Amounts on the printable invoice: US dollars exact to the micro-dollar, every amount with the same
// number of decimals (the most any of them needs, at least cents) so the column lines up and the
// lines visibly add up to the total.
const MICRO_DIGITS = 6;

/** Decimals a dollar amount needs to be shown exactly (0..6). */
function decimalsNeeded(dollars: number): number {
  let micros = Math.abs(Math.round(dollars * 1_000_000));
  let digits = MICRO_DIGITS;
  while (digits > 0 && micros % 10 === 0) {
    micros /= 10;
    digits -= 1;
  }
  return digits;
}

export function invoiceAmountFormatter(amounts: readonly number[]): (dollars: number) => string {
  const digits = Math.max(2, ...amounts.map(decimalsNeeded));
  const format = new Intl.NumberFormat("en-US", { style: "currency", currency: "USD", minimumFractionDigits: digits, maximumFractionDigits: digits });
  return (dollars) => format.format(dollars);
}
