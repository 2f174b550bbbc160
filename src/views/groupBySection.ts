import type { ScenarioSpec } from '../scenarios';

/** Scenarios grouped by lesson section, sections in first-appearance (lesson) order. Pure. */
export function groupBySection(
  scenarios: readonly ScenarioSpec[],
): { section: string; scenarios: ScenarioSpec[] }[] {
  const groups = new Map<string, ScenarioSpec[]>();
  for (const s of scenarios) {
    const list = groups.get(s.lessonSection) ?? [];
    list.push(s);
    groups.set(s.lessonSection, list);
  }
  return [...groups].map(([section, list]) => ({ section, scenarios: list }));
}
