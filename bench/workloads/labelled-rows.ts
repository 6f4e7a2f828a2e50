/** The data of a Labelled workflow's first transition: the parcel and its label, created. */
export const labelledRows = (n: number) => ({
  Parcel: { id: `P${n}` },
  Label: { labelId: `L${n}` },
});
