// A strict RFC 4180 reader for tests: the CSV the API writes must read
// back into exactly the cells it was built from.
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = "";
  let quoted = false;
  let i = 0;
  while (i < text.length) {
    const char = text[i];
    if (quoted) {
      if (char === '"' && text[i + 1] === '"') {
        cell += '"';
        i += 2;
        continue;
      }
      if (char === '"') quoted = false;
      else cell += char;
      i += 1;
      continue;
    }
    if (char === '"') {
      if (cell !== "") throw new Error(`Quote inside an unquoted cell at ${i}`);
      quoted = true;
    } else if (char === ",") {
      row.push(cell);
      cell = "";
    } else if (char === "\r" && text[i + 1] === "\n") {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = "";
      i += 1;
    } else if (char === "\n" || char === "\r") {
      throw new Error(`Bare line break outside quotes at ${i}`);
    } else {
      cell += char;
    }
    i += 1;
  }
  if (quoted) throw new Error("Unterminated quoted cell");
  if (cell !== "" || row.length > 0) throw new Error("The last row does not end with CRLF");
  return rows;
}
