import type * as z from 'zod';

/** One invalid field, phrased for a person, with a JSON Pointer (RFC 6901) for machines. */
export interface FieldProblem {
  field: string;
  pointer: string;
  detail: string;
}

type Path = readonly PropertyKey[];

function dotted(path: Path): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else out += out ? `.${String(part)}` : String(part);
  }
  return out || '(body)';
}

function pointer(path: Path): string {
  return '#/' + path.map((p) => String(p).replace(/~/g, '~0').replace(/\//g, '~1')).join('/');
}

/** Flattens zod issues into one entry per bad field; an unknown key is reported at its own path. */
export function describeIssues(error: z.ZodError): FieldProblem[] {
  const problems: FieldProblem[] = [];
  for (const issue of error.issues) {
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) {
        const path = [...issue.path, key];
        problems.push({ field: dotted(path), pointer: pointer(path), detail: `"${key}" is not a field of this form` });
      }
      continue;
    }
    problems.push({ field: dotted(issue.path), pointer: pointer(issue.path), detail: issue.message });
  }
  return problems;
}
