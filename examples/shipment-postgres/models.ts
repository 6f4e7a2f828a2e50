import type { Generated } from 'kysely';

/** The row the shipment workflow keeps its state in (table "shipments"). */
export interface Shipment {
  shipmentId: string;
  status: 'requested' | 'reserved' | 'shipped' | 'cancelled';
  sku: string;
  quantity: number;
}

/** The application's own Kysely schema: the workflow's table, stock, and the transition log. */
export interface WarehouseDatabase {
  shipments: Shipment;
  inventory: { sku: string; on_hand: number };
  smf_transitions: {
    id: Generated<string>;
    machine: string;
    entity_id: string;
    seq: number;
    from_state: string | null;
    to_state: string;
    at: Date;
    results: unknown;
    metadata: unknown;
  };
}
