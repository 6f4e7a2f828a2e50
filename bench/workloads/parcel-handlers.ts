// The user work of the parcel workloads: every state of the generated ParcelMachine gets one
// validator and one hook, so each transition runs one of each on its target.
import { PARCEL_STATES, ParcelMachine } from './parcel.machine.gen.js';

/** The user work every side does per transition: the validator's check and the hook's result. */
export function checkLocation(location: string | undefined): void {
  if (location === '') throw new Error('a scan needs a location');
}
export const describeParcel = (id: string, location: string): string => `${id}@${location}`;

for (const state of PARCEL_STATES) {
  ParcelMachine.validator(state, function hasLocation(data) {
    checkLocation(data.Parcel?.location);
  });
  ParcelMachine.hook(state, function describe(instances) {
    return describeParcel(instances.Parcel.id, instances.Parcel.location);
  });
}

/** The generated machine, with the handlers above registered. */
export const parcelMachine = ParcelMachine;

/** The data a transition carries: where the parcel is and how many scans it has had. */
export const scanData = (scans: number) => ({ Parcel: { location: `L${scans % 64}`, scans } });
