// The machine's name and state names as the transition log holds them, for the sides that write
// the log themselves instead of through the machine (order.machine.ts).

export const MACHINE_NAME = 'Order';

/** The state a load workflow moves a row to, by the status it holds now (state names as logged). */
export const FLIP = {
  processing: { status: 'on_hold', from: 'Processing', to: 'OnHold' },
  on_hold: { status: 'processing', from: 'OnHold', to: 'Processing' },
} as const;
