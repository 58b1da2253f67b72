// The template's Conditions section, evaluated once each on demand (conditions may refer to other conditions).
import { evaluateCondition, TemplateError, type IntrinsicScope } from './intrinsics';

export type ConditionLookup = (name: string, path: string) => boolean;

/**
 * Returns the `condition` function of an IntrinsicScope. `scopeFor` receives that same function, so a condition can
 * use {Condition: other}; a cycle between conditions is reported instead of recursing forever.
 */
export function conditionTable(
  definitions: Readonly<Record<string, unknown>>,
  scopeFor: (condition: ConditionLookup) => IntrinsicScope,
): ConditionLookup {
  const values = new Map<string, boolean>();
  const evaluating = new Set<string>();
  const lookup: ConditionLookup = (name, path) => {
    const known = values.get(name);
    if (known !== undefined) return known;
    if (!(name in definitions)) throw new TemplateError(`${path}: no condition named ${name} in Conditions`);
    if (evaluating.has(name)) throw new TemplateError(`${path}: conditions refer to each other in a cycle (${[...evaluating, name].join(' → ')})`);
    evaluating.add(name);
    try {
      const value = evaluateCondition(definitions[name], scopeFor(lookup), `Conditions.${name}`);
      values.set(name, value);
      return value;
    } finally {
      evaluating.delete(name);
    }
  };
  return lookup;
}
