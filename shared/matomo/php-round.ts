// PHP's round(), which Matomo applies to every revenue and price (GoalManager::getRevenue,
// the Ecommerce revenue columns). It is not Math.round on the scaled value: PHP first
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
