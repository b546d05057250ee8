/**
 * Spreadsheet formula injection: a cell that starts with = + - @ (or a tab or
 * carriage return) is run as a formula by Excel, LibreOffice and Google Sheets.
 * Every CSV this service writes passes text cells through `csvSafeCell`, which
 * prefixes a single quote; `csvCellValue` takes exactly that prefix off again
 * when a CSV is imported, so an export imports back unchanged.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

export const csvSafeCell = (value: string): string => (FORMULA_START.test(value) ? `'${value}` : value);

export const csvCellValue = (cell: string): string => (cell.startsWith("'") && FORMULA_START.test(cell.slice(1)) ? cell.slice(1) : cell);
