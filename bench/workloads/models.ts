/** The parcel of the data and self-loop workloads. */
export interface Parcel {
  id: string;
  status: 'received' | 'sorted' | 'in_transit' | 'delivered';
  location: string;
  scans: number;
}

/** The parcel of the two-model workload, whose label moves with it. */
export interface ShippedParcel {
  id: string;
  status: 'booked' | 'shipped' | 'delivered';
}

export interface Label {
  labelId: string;
  parcelId: string;
  state: 'printed' | 'scanned' | 'filed';
}
