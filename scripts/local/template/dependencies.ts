// Resource dependencies (DependsOn, Ref, Fn::GetAtt, Fn::Sub) and the creation order they imply.
import { getAttTarget, intrinsicName, substitute, subArguments, TemplateError } from './intrinsics';
import { isRecord, type TemplateResource } from './load';

/** Logical ids of the resources `resource` needs to exist first; names that are not resources are ignored. */
export function resourceDependencies(logicalId: string, resource: TemplateResource, resourceIds: ReadonlySet<string>): Set<string> {
  const dependencies = new Set<string>();
  const dependsOn = resource.DependsOn === undefined ? [] : [resource.DependsOn].flat();
  for (const id of dependsOn) {
    if (!resourceIds.has(id)) throw new TemplateError(`Resources.${logicalId}.DependsOn: ${id} is not a resource of this template`);
    dependencies.add(id);
  }
  collectReferences(resource.Properties, (id) => {
    if (resourceIds.has(id)) dependencies.add(id);
  });
  return dependencies;
}

function collectReferences(value: unknown, found: (logicalId: string) => void): void {
  if (Array.isArray(value)) {
    for (const item of value) collectReferences(item, found);
    return;
  }
  if (!isRecord(value)) return;
  const intrinsic = intrinsicName(value);
  const argument = intrinsic ? value[intrinsic] : undefined;
  if (intrinsic === 'Ref' && typeof argument === 'string') found(argument);
  else if (intrinsic === 'Fn::GetAtt') found(getAttTarget(argument, undefined, 'Fn::GetAtt')[0]);
  else if (intrinsic === 'Fn::Sub') collectSubReferences(argument, found);
  for (const item of Object.values(value)) collectReferences(item, found);
}

function collectSubReferences(argument: unknown, found: (logicalId: string) => void): void {
  const [text, variables] = subArguments(argument, 'Fn::Sub');
  substitute(text, (name) => {
    if (!(name in variables)) found(name.startsWith('AWS::') ? name : (name.split('.')[0] ?? name));
    return '';
  });
}

/**
 * Orders resources so each comes after what it depends on (like CloudFormation's create order); ties keep template
 * order so logs read like the template. A cycle is an error that lists the resources in it.
 */
export function creationOrder(dependencies: ReadonlyMap<string, ReadonlySet<string>>): string[] {
  const order: string[] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (id: string, trail: string[]): void => {
    const current = state.get(id);
    if (current === 'done') return;
    if (current === 'visiting') {
      const cycle = [...trail.slice(trail.indexOf(id)), id];
      throw new TemplateError(`Resources: circular dependency ${cycle.join(' → ')}`);
    }
    state.set(id, 'visiting');
    for (const dependency of dependencies.get(id) ?? []) visit(dependency, [...trail, id]);
    state.set(id, 'done');
    order.push(id);
  };
  for (const id of dependencies.keys()) visit(id, []);
  return order;
}
