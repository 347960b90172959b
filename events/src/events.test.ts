import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { renderArtifacts, exampleEvent } from './artifacts.js';
import { ALL_DETAIL_TYPES, DETAIL_TYPES } from './names.js';
import { EVENT_SCHEMAS } from './schemas.js';
import { RULES } from './rules.js';
import { checkedInSchemaValidator } from './json-schema-validator.js';

const EMAIL = /[^\s"@]+@[^\s"@]+\.[^\s"@]+/;

describe('event contract', () => {
  it('has checked-in schemas, examples and catalog identical to what the generator writes (run `npm run events:generate`)', () => {
    for (const [path, content] of renderArtifacts()) {
      expect(readFileSync(path, 'utf8'), `${path} is stale`).toBe(content);
    }
  });

  it('has one example per event that validates against its zod schema and its checked-in JSON Schema', () => {
    const validate = checkedInSchemaValidator();
    for (const t of ALL_DETAIL_TYPES) {
      const event = exampleEvent(t);
      expect(EVENT_SCHEMAS[t].safeParse(event.detail).success, t).toBe(true);
      expect(validate(t, event), t).toEqual([]);
      expect(JSON.parse(readFileSync(`events/examples/${t}.json`, 'utf8'))).toEqual(event);
    }
  });

  it('rejects an event that carries a contact, under both the zod and the JSON Schema', () => {
    const event = exampleEvent('ProfileSubmitted');
    const leaky = { ...event, detail: { ...event.detail, data: { profile: { ...event.detail.data.profile, contact: { name: 'A', email: 'a@b.example' } } } } };
    expect(EVENT_SCHEMAS.ProfileSubmitted.safeParse(leaky.detail).success).toBe(false);
    expect(checkedInSchemaValidator()('ProfileSubmitted', leaky)).not.toEqual([]);
  });

  it('carries no e-mail address in any example', () => {
    for (const t of ALL_DETAIL_TYPES) expect(JSON.stringify(exampleEvent(t))).not.toMatch(EMAIL);
  });

  it('uses the declared source of each detail type in every rule pattern', () => {
    for (const rule of Object.values(RULES)) {
      for (const t of rule.eventPattern['detail-type']) expect(rule.eventPattern.source).toContain(DETAIL_TYPES[t]);
    }
  });
});
