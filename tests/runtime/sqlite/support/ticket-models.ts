/** Every kind of identifier a primary model may have, so the log is shown to keep each apart. */
export type TicketId = string | number | bigint | Date;

export interface Ticket {
  ticketId: TicketId;
  status: 'open' | 'closed';
}
