import type { ParamSpec } from '../scenarios';

/** What a typed parameter value means: a value to apply (maybe clamped) and a message, or just a message. */
export interface ParamCheck {
  value: number | null;
  message: string | null;
}

/**
 * Validates a number typed into a parameter field: not a number keeps the
 * current value and says so; out of range clamps to the nearest bound and says
 * so; otherwise the value as typed. Pure.
 */
export function checkNumberInput(spec: ParamSpec, text: string, current: number): ParamCheck {
  const unit = spec.unit ? ` ${spec.unit}` : '';
  const n = text.trim() === '' ? NaN : Number(text.replace(',', '.'));
  if (!Number.isFinite(n))
    return { value: null, message: `“${text}” is not a number; still using ${current}${unit}.` };
  if (spec.min !== undefined && n < spec.min)
    return {
      value: spec.min,
      message: `Below the minimum ${spec.min}${unit}: using ${spec.min}${unit}.`,
    };
  if (spec.max !== undefined && n > spec.max)
    return {
      value: spec.max,
      message: `Above the maximum ${spec.max}${unit}: using ${spec.max}${unit}.`,
    };
  return { value: n, message: null };
}
