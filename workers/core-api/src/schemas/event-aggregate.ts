import { AggregateQuery } from "@authpi/domain/events";
import { z } from "@hono/zod-openapi";

export const EventAggregateQuery = AggregateQuery;

export const AggregateSchema = z
  .object({
    interval: z.string().nullable(),
    group_by: z.string().nullable(),
    count_unique: z.string().nullable(),
    truncated: z.boolean().openapi({ description: "More buckets exist than the 1,000 returned" }),
    buckets: z.array(
      z.object({
        start: z
          .number()
          .int()
          .optional()
          .openapi({ description: "Bucket start (ms), with `interval`" }),
        end: z.number().int().optional(),
        key: z.string().nullable().optional().openapi({ description: "The `group_by` value" }),
        count: z.number().int(),
        unique: z
          .number()
          .int()
          .optional()
          .openapi({ description: "Distinct `count_unique` values" }),
      }),
    ),
  })
  .openapi("EventsAggregateResponse");
