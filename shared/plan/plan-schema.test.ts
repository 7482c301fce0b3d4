// The published JSON Schema (schema/tracking-plan.schema.json, for editors) and parsePlan
// must agree: what one accepts the other accepts, what one refuses the other refuses.
import { readFileSync } from 'node:fs';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { HIT_TYPES } from '../matomo/types';
import { parsePlan, SEVERITY_THRESHOLDS, UNPLANNED_MODES } from './plan';

const schema = JSON.parse(readFileSync('schema/tracking-plan.schema.json', 'utf8')) as {
  definitions: Record<string, unknown>;
  properties: Record<string, Record<string, unknown>>;
};
const validate = new Ajv({ allErrors: true }).compile(schema);

function parsesPlan(value: unknown): boolean {
  try {
    parsePlan(value);
    return true;
  } catch {
    return false;
  }
}

const EXAMPLES = {
  'examples/tracking-plan.yml': parse(
    readFileSync('examples/tracking-plan.yml', 'utf8'),
  ) as unknown,
  'examples/tracking-plan.json': JSON.parse(
    readFileSync('examples/tracking-plan.json', 'utf8'),
  ) as unknown,
};

const ok = (expectation: Record<string, unknown>) => ({
  expectations: [{ name: 'A', match: {}, ...expectation }],
});

const VALID: unknown[] = [
  { expectations: [] },
  ok({ match: 'type:event e_c:Video' }),
  ok({ match: { type: 'Page view' }, count: 0 }),
  ok({ count: '>=2' }),
  ok({ count: ' 2..5 ' }),
  ok({ match: { params: { e_v: { min: 1, max: 2 }, uid: { present: false }, e_c: 'x' } } }),
  ok({ match: { params: { idsite: 3, e_a: { equals: 'Play', regex: '^P' } } } }),
  ok({ description: 'Why', count: '<3' }),
  { ...ok({}), issues: { maxSeverity: 'none', forbidCodes: ['idsite.missing', 'ua'] } },
  { ...ok({}), unplanned: 'fail', $schema: './plan.schema.json' },
];

const INVALID: unknown[] = [
  null,
  [],
  {},
  { expectations: {} },
  { expectations: [], extra: true },
  ok({ name: '   ' }),
  { expectations: [{ match: {} }] },
  { expectations: [{ name: 'A' }] },
  ok({ match: 3 }),
  ok({ match: { kind: 'event' } }),
  ok({ match: { params: { e_c: {} } } }),
  ok({ match: { params: { e_c: { least: 1 } } } }),
  ok({ match: { params: { e_c: { min: '1' } } } }),
  ok({ match: { params: { e_c: true } } }),
  ok({ count: -1 }),
  ok({ count: 1.5 }),
  ok({ count: 'many' }),
  ok({ count: true }),
  ok({ after: 3 }),
  ok({ unknown: 1 }),
  { ...ok({}), issues: { maxSeverity: 'error' } },
  { ...ok({}), issues: { forbidCodes: ['not a code'] } },
  { ...ok({}), issues: { other: 1 } },
  { ...ok({}), unplanned: 'ignore' },
];

describe('schema/tracking-plan.schema.json', () => {
  it('accepts the example plans, as parsePlan does', () => {
    for (const [file, plan] of Object.entries(EXAMPLES)) {
      expect(validate(plan), `${file}: ${JSON.stringify(validate.errors)}`).toBe(true);
      expect(parsesPlan(plan), file).toBe(true);
    }
  });

  it('accepts what parsePlan accepts', () => {
    for (const plan of VALID) {
      expect(parsesPlan(plan), JSON.stringify(plan)).toBe(true);
      expect(validate(plan), `${JSON.stringify(plan)}: ${JSON.stringify(validate.errors)}`).toBe(
        true,
      );
    }
  });

  it('refuses what parsePlan refuses', () => {
    for (const plan of INVALID) {
      expect(parsesPlan(plan), JSON.stringify(plan)).toBe(false);
      expect(validate(plan), JSON.stringify(plan)).toBe(false);
    }
  });

  it('lists the same hit types, severities and unplanned modes', () => {
    const matcher = (schema.definitions.matcher as { oneOf: { properties?: unknown }[] }).oneOf[1]
      ?.properties as { type: { anyOf: { enum?: string[] }[] } };
    expect(matcher.type.anyOf[0]?.enum).toEqual([...HIT_TYPES]);
    const issues = schema.properties.issues as { properties: { maxSeverity: { enum: string[] } } };
    expect(issues.properties.maxSeverity.enum).toEqual([...SEVERITY_THRESHOLDS]);
    expect(schema.properties.unplanned?.enum).toEqual([...UNPLANNED_MODES]);
  });

  it('is the schema the example plans point to', () => {
    expect(readFileSync('examples/tracking-plan.yml', 'utf8')).toMatch(
      /^# yaml-language-server: \$schema=\.\.\/schema\/tracking-plan\.schema\.json$/m,
    );
    expect(EXAMPLES['examples/tracking-plan.json']).toMatchObject({
      $schema: '../schema/tracking-plan.schema.json',
    });
  });
});
