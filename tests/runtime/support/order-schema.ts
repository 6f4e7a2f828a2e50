import { z } from 'zod';

export const OrderData = z.object({
  amount: z.number().positive(),
  customerEmail: z.email(),
});
