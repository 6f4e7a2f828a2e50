import type { Motor, Printer } from './handlers.js';

/** A motor whose listed slots jam: the demo's way to fail halfway through a purchase. */
export class SlotMotor implements Motor {
  readonly #jammed: ReadonlySet<string>;
  readonly dispensed: string[] = [];

  constructor(jammedSlots: readonly string[] = []) {
    this.#jammed = new Set(jammedSlots);
  }

  dispense(productId: string): void {
    if (this.#jammed.has(productId)) throw new Error(`slot ${productId} jammed`);
    this.dispensed.push(productId);
  }
}

/** Collects printed lines (and echoes them when asked to). */
export class LinePrinter implements Printer {
  readonly lines: string[] = [];

  constructor(private readonly echo: (line: string) => void = () => undefined) {}

  print(line: string): void {
    this.lines.push(line);
    this.echo(line);
  }
}
