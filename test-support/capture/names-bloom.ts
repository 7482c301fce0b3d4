// The bloom of parameter names a line whose hits carry `names` gets (line-names.ts), as the
// words the index snapshot saves.
import { NAME_WORDS } from '../../electron/server/storage/line-kinds';
import { NamesBloom } from '../../electron/server/storage/line-names';

export function bloomOf(names: readonly string[]): number[] {
  const bloom = new NamesBloom();
  names.forEach((name, place) => bloom.add(name, place));
  const words = new Uint32Array(NAME_WORDS);
  bloom.writeTo(words, 0);
  return [...words];
}
