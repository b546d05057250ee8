import { ValueTransformer } from 'typeorm';

/** bigint / numeric columns come back from pg as strings; amounts and rates fit a JS number. */
export const numericColumn: ValueTransformer = {
  to: (value: number | null | undefined) => value,
  from: (value: string | null) => (value === null || value === undefined ? null : Number(value)),
};
