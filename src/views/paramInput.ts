import type { ParamSpec } from '../scenarios';

/** What a typed parameter value means: a value to apply (maybe clamped or snapped) and a message, or just a message. */
export interface ParamCheck {
  value: number | null;
  message: string | null;
}

/**
 * Validates a number typed into a parameter field: not a number keeps the
 * current value and says so; out of range clamps to the nearest bound and says
 * so; off the step grid (counted from `min`, as normalizeParams does) rounds to
 * the nearest step and says so; otherwise the value as typed. The value
 * returned is always one normalizeParams keeps as is. Pure.
 */
export function checkNumberInput(spec: ParamSpec, text: string, current: number): ParamCheck {
  const unit = spec.unit ? ` ${spec.unit}` : '';
  const n = text.trim() === '' ? NaN : Number(text.replace(',', '.'));
  if (!Number.isFinite(n))
    return { value: null, message: `“${text}” is not a number; still using ${current}${unit}.` };
  if (spec.min !== undefined && n < spec.min) {
    const v = snap(spec, spec.min);
    return { value: v, message: `Below the minimum ${spec.min}${unit}: using ${v}${unit}.` };
  }
  if (spec.max !== undefined && n > spec.max) {
    const v = snap(spec, spec.max);
    return { value: v, message: `Above the maximum ${spec.max}${unit}: using ${v}${unit}.` };
  }
  const v = snap(spec, n);
  if (v !== n)
    return {
      value: v,
      message: `Rounded to the step of ${spec.step}${unit}: using ${v}${unit}.`,
    };
  return { value: n, message: null };
}

/** The nearest point of the step grid (from `min`) to an in-range `n`, kept within range. */
function snap(spec: ParamSpec, n: number): number {
  const step = spec.step ?? 0;
  if (!(step > 0)) return n;
  const base = spec.min ?? 0;
  const at = (k: number): number => Number((base + k * step).toFixed(6));
  let k = Math.round((n - base) / step);
  if (spec.max !== undefined && at(k) > spec.max) k -= 1;
  return at(k);
}
