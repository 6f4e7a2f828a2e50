import { defineMachine, model } from 'state-machine-framework/dsl';
import type { StockItem } from './models.js';

// Items identified by a number (qty), so find's order and paging are numeric: 9 before 10.
export default defineMachine({
  name: 'Stock',
  models: {
    Item: model<StockItem>({ stateField: 'kind', identifierField: 'qty' }),
  },
  states: {
    Stocked: { start: true, models: { Item: 'stocked' }, to: ['Sold'] },
    Sold: { terminal: true, models: { Item: 'sold' } },
  },
});
