// PHP's number arithmetic that Matomo's stored values go through.
//
// round(), which Matomo applies to every revenue and price (GoalManager::getRevenue, the
// Ecommerce revenue columns). It is not Math.round on the scaled value: PHP first
// "pre-rounds" the value to 15 significant digits and rounds halves away from zero, so
// round(1.005, 2) is 1.01 and round(-0.125, 2) is -0.13, where the scaled Math.round gives
// 1 and -0.12. This follows the steps of PHP 8's _php_math_round (half up mode).

/** Powers of ten below 10^23 are exact doubles; PHP takes them from a table. */
function pow10(power: number): number {
  return power >= 0 && power <= 22 ? Number(`1e${power}`) : Math.pow(10, power);
}

/** Halves away from zero (PHP_ROUND_HALF_UP). */
const halfAwayFromZero = (value: number): number =>
  value >= 0 ? Math.floor(value + 0.5) : Math.ceil(value - 0.5);

/** PHP `round($value, $places)` for a float, places between -22 and 22. */
export function phpRound(value: number, places: number): number {
  if (!Number.isFinite(value) || value === 0) return value;
  const precisionPlaces = 14 - Math.floor(Math.log10(Math.abs(value)));
  const scale = pow10(Math.abs(places));
  let scaled: number;
  if (precisionPlaces > places && precisionPlaces - 15 < places) {
    // Pre-rounding: the value as a whole number of 15 significant digits, then moved back
    // to the requested places.
    const toPrecision = pow10(Math.abs(precisionPlaces));
    scaled = halfAwayFromZero(precisionPlaces >= 0 ? value * toPrecision : value / toPrecision);
    scaled /= pow10(Math.abs(places - precisionPlaces));
  } else {
    scaled = places >= 0 ? value * scale : value / scale;
    // Beyond a double's precision: rounding would change nothing that is not noise.
    if (Math.abs(scaled) >= 1e15) return value;
  }
  scaled = halfAwayFromZero(scaled);
  return places > 0 ? scaled / scale : scaled * scale;
}

/** Significant digits of PHP's float-to-string cast (the `precision` setting, 14 by default). */
const PHP_PRECISION = 14;

/** PHP's `(string)` of a float: %.14G, with "1.0E+20" for a one-digit mantissa. */
export function phpFloatText(value: number): string {
  if (Number.isNaN(value)) return 'NAN';
  if (!Number.isFinite(value)) return value > 0 ? 'INF' : '-INF';
  if (value === 0) return Object.is(value, -0) ? '-0' : '0';
  const [mantissa, exponentText] = value.toExponential(PHP_PRECISION - 1).split('e');
  const digits = (mantissa as string).replace(/[-.]/g, '').replace(/0+$/, '');
  const exponent = Number(exponentText);
  const sign = value < 0 ? '-' : '';
  if (exponent < -4 || exponent >= PHP_PRECISION) {
    const tail = digits.slice(1) || '0';
    return `${sign}${digits[0]}.${tail}E${exponent < 0 ? '-' : '+'}${Math.abs(exponent)}`;
  }
  if (exponent < 0) return `${sign}0.${'0'.repeat(-exponent - 1)}${digits}`;
  const whole = digits.slice(0, exponent + 1).padEnd(exponent + 1, '0');
  const fraction = digits.slice(exponent + 1);
  return `${sign}${whole}${fraction ? `.${fraction}` : ''}`;
}
