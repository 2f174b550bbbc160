/** JSON-safe values: what the model's state and trace may hold (no Infinity, no classes). */
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
