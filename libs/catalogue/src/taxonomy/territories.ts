/**
 * The places a programme serves: the territories it names and every place inside them, so a
 * federal programme (Russia) is found by a search for Moscow, and a Moscow one by a search for
 * a site within the city. `parentOf` maps each territory code to the one containing it.
 */
export function servedTerritories(codes: readonly string[], parentOf: ReadonlyMap<string, string | null>): string[] {
  const served = new Set(codes);
  let grew = true;
  while (grew) {
    grew = false;
    for (const [code, parent] of parentOf) {
      if (parent !== null && served.has(parent) && !served.has(code)) {
        served.add(code);
        grew = true;
      }
    }
  }
  return [...served].sort();
}
