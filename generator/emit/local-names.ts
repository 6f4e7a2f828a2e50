/**
 * Hands out the identifiers a generated module binds, so an imported user type never shadows a
 * generated export or another import: the second `Order` becomes `Order_2`.
 */
export class LocalNames {
  readonly #taken = new Set<string>();

  constructor(reserved: Iterable<string>) {
    for (const name of reserved) this.#taken.add(name);
  }

  claim(preferred: string): string {
    let candidate = preferred;
    for (let suffix = 2; this.#taken.has(candidate); suffix += 1) {
      candidate = `${preferred}_${suffix}`;
    }
    this.#taken.add(candidate);
    return candidate;
  }
}
