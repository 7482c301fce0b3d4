// Random parameter values as a JSON body holds them: scalars, lists and objects nested a few
// levels, their strings drawn from `text`.
import fc from 'fast-check';
import type { ParamValue } from '../../shared/matomo/types';

export function paramValues(text: fc.Arbitrary<string>): fc.Arbitrary<ParamValue> {
  return fc.letrec<{ value: ParamValue }>((tie) => ({
    value: fc.oneof(
      { depthSize: 'small' },
      text,
      fc.double(),
      fc.integer(),
      fc.boolean(),
      fc.constant(null),
      fc.array(tie('value'), { maxLength: 5 }),
      fc.dictionary(text, tie('value'), { maxKeys: 5 }),
    ),
  })).value;
}
