// The shape of a tracking plan, checked with valibot (as the API bodies are, shared/api/bodies.ts)
// with messages that read after the place of the problem: `expectations[1] "Play".count:
// must be …`. schema/tracking-plan.schema.json describes the same shape for editors; a test
// keeps the two in agreement.
import * as v from 'valibot';
import type { HitMatcher } from './expectation';

export const SEVERITY_THRESHOLDS = ['none', 'info', 'warning'] as const;
export const UNPLANNED_MODES = ['allow', 'report', 'fail'] as const;

/**
 * The message of a strict object's problems: an unknown field is named with the known ones,
 * a missing one is "required", anything else is not an object of these fields.
 */
function objectMessage(known: string, notAnObject: string) {
  return (issue: v.BaseIssue<unknown>) =>
    issue.expected === 'never'
      ? `is not a known field; the known ones are ${known}.`
      : issue.input === undefined && (issue.path?.length ?? 0) > 0
        ? 'is required.'
        : notAnObject;
}

const CONDITION_KEYS = 'equals, regex, min, max, present';

const conditionObjectSchema = v.strictObject(
  {
    equals: v.optional(v.union([v.string(), v.number()], 'must be a string or a number.')),
    regex: v.optional(v.string('must be a string (a regular expression).')),
    min: v.optional(v.number('must be a number.')),
    max: v.optional(v.number('must be a number.')),
    present: v.optional(v.boolean('must be true or false.')),
  },
  (issue) =>
    issue.expected === 'never'
      ? `is not a known condition; the known ones are ${CONDITION_KEYS}.`
      : `must be a value or an object of ${CONDITION_KEYS}.`,
);

// Chosen by the kind of value, so a problem inside an object is reported at its own place
// instead of as "none of the alternatives fits".
const conditionSchema = v.lazy((input) =>
  typeof input === 'string' || typeof input === 'number'
    ? v.union([v.string(), v.number()])
    : conditionObjectSchema,
);

const MATCHER_KEYS = 'query, type, params';

const matcherObjectSchema = v.strictObject(
  {
    query: v.optional(v.string('must be a string in the query language.')),
    type: v.optional(v.string('must be a hit type, e.g. event.')),
    params: v.optional(
      v.record(v.string(), conditionSchema, 'must be an object of parameter: condition.'),
    ),
  },
  objectMessage(MATCHER_KEYS, `must be a query string or an object of ${MATCHER_KEYS}.`),
);

const matcherSchema = v.lazy((input) =>
  typeof input === 'string'
    ? v.pipe(
        v.string(),
        v.transform((query): HitMatcher => ({ query })),
      )
    : matcherObjectSchema,
);

const EXPECTATION_KEYS = 'name, match, count, after, description';

const expectationSchema = v.strictObject(
  {
    name: v.pipe(
      v.string('must be a string: the name of the expectation.'),
      v.trim(),
      v.nonEmpty('must not be empty.'),
    ),
    match: matcherSchema,
    count: v.optional(
      v.union([v.number(), v.string()], 'must be a number or a text such as ">=1".'),
    ),
    after: v.optional(v.pipe(v.string('must be the name of another expectation.'), v.trim())),
    /** Free text for people reading the plan. */
    description: v.optional(v.string('must be a string.')),
  },
  objectMessage(EXPECTATION_KEYS, `must be an object of ${EXPECTATION_KEYS}.`),
);

const PLAN_KEYS = '$schema, expectations, issues, unplanned';

export const planSchema = v.strictObject(
  {
    $schema: v.optional(v.string('must be a string.')),
    expectations: v.array(expectationSchema, 'must be a list of expectations.'),
    issues: v.optional(
      v.strictObject(
        {
          maxSeverity: v.optional(
            v.picklist(SEVERITY_THRESHOLDS, `must be one of ${SEVERITY_THRESHOLDS.join(', ')}.`),
          ),
          forbidCodes: v.optional(
            v.array(
              v.pipe(
                v.string('must be an issue code.'),
                v.regex(/^[\w.-]+$/, 'must be an issue code such as idsite.missing.'),
              ),
              'must be a list of issue codes.',
            ),
          ),
        },
        objectMessage('maxSeverity, forbidCodes', 'must be an object of maxSeverity, forbidCodes.'),
      ),
    ),
    unplanned: v.optional(
      v.picklist(UNPLANNED_MODES, `must be one of ${UNPLANNED_MODES.join(', ')}.`),
    ),
  },
  objectMessage(PLAN_KEYS, 'A plan must be an object with a list of expectations.'),
);
