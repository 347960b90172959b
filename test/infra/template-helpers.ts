import type { Template } from 'aws-cdk-lib/assertions';

type Resource = { Type: string; Properties?: Record<string, unknown>; DependsOn?: string | string[] };
export interface Statement {
  Effect: string;
  Action: string | string[];
  Resource: unknown;
  Condition?: unknown;
}

function resources(template: Template): Record<string, Resource> {
  return template.toJSON().Resources as Record<string, Resource>;
}

/** The logical id of the only resource of `type` (fails when there is not exactly one). */
export function onlyLogicalId(template: Template, type: string): string {
  const ids = Object.keys(template.findResources(type));
  if (ids.length !== 1) throw new Error(`expected one ${type}, found ${ids.length}`);
  return ids[0] as string;
}

/** `https://<the distribution's domain name>`, as the template spells it. */
export function distributionUrl(template: Template): unknown {
  return { 'Fn::Join': ['', ['https://', { 'Fn::GetAtt': [onlyLogicalId(template, 'AWS::CloudFront::Distribution'), 'DomainName'] }]] };
}

/** The logical id of the NodeFunction whose POWERTOOLS_SERVICE_NAME is `name`. */
export function functionId(template: Template, name: string): string {
  const found = Object.entries(template.findResources('AWS::Lambda::Function')).filter(
    ([, r]) => (r.Properties?.Environment?.Variables as Record<string, unknown> | undefined)?.POWERTOOLS_SERVICE_NAME === name,
  );
  if (found.length !== 1) throw new Error(`expected one function ${name}, found ${found.length}`);
  return found[0]![0];
}

/** The environment variables of the function `name`. */
export function environmentOf(template: Template, name: string): Record<string, unknown> {
  return (resources(template)[functionId(template, name)]!.Properties!.Environment as { Variables: Record<string, unknown> }).Variables;
}

/** Every IAM statement attached to the execution role of the function `name`. */
export function statementsOf(template: Template, name: string): Statement[] {
  const role = (resources(template)[functionId(template, name)]!.Properties!.Role as { 'Fn::GetAtt': [string, string] })['Fn::GetAtt'][0];
  return Object.values(template.findResources('AWS::IAM::Policy'))
    .filter((p) => JSON.stringify(p.Properties.Roles) === JSON.stringify([{ Ref: role }]))
    .flatMap((p) => p.Properties.PolicyDocument.Statement as Statement[]);
}

export function actionsOf(statement: Statement): string[] {
  return Array.isArray(statement.Action) ? statement.Action : [statement.Action];
}

/** Logical ids a resource refers to (Ref, Fn::GetAtt, Fn::Sub, DependsOn). */
function references(value: unknown, known: Record<string, unknown>, out = new Set<string>()): Set<string> {
  if (Array.isArray(value)) value.forEach((v) => references(v, known, out));
  else if (value && typeof value === 'object') {
    for (const [key, v] of Object.entries(value)) {
      if (key === 'Ref' && typeof v === 'string' && v in known) out.add(v);
      else if (key === 'Fn::GetAtt') out.add(Array.isArray(v) ? String(v[0]) : String(v).split('.')[0]!);
      else if (key === 'Fn::Sub') {
        const text = String(Array.isArray(v) ? v[0] : v);
        for (const m of text.matchAll(/\$\{([A-Za-z0-9]+)/g)) if (m[1]! in known) out.add(m[1]!);
        references(v, known, out);
      } else references(v, known, out);
    }
  }
  return out;
}

export function dependenciesOf(template: Template, logicalId: string): string[] {
  const all = resources(template);
  const r = all[logicalId]!;
  const out = references(r.Properties ?? {}, all);
  for (const d of [r.DependsOn ?? []].flat()) out.add(d);
  return [...out];
}

/** A dependency cycle among the template's resources, or undefined (CloudFormation refuses cycles). */
export function dependencyCycle(template: Template): string[] | undefined {
  const all = resources(template);
  const state = new Map<string, 'visiting' | 'done'>();
  const path: string[] = [];
  const visit = (id: string): string[] | undefined => {
    if (state.get(id) === 'done') return undefined;
    if (state.get(id) === 'visiting') return [...path.slice(path.indexOf(id)), id];
    state.set(id, 'visiting');
    path.push(id);
    for (const d of dependenciesOf(template, id)) {
      const cycle = visit(d);
      if (cycle) return cycle;
    }
    path.pop();
    state.set(id, 'done');
    return undefined;
  };
  for (const id of Object.keys(all)) {
    const cycle = visit(id);
    if (cycle) return cycle;
  }
  return undefined;
}
