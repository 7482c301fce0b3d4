// Keeps the keyboard focus when an action removes the element that had it: a row's Remove
// button (bulk entries, composer parameters, headers, order items, site profiles, columns),
// a Delete in a list. Without it the focus falls to the page body and a keyboard user must
// Tab from the top again. Installed once for the whole document: before each click or key
// press it notes where the focused element sits (its item in a list, its place among the
// item's controls); if that element is gone afterwards, the same control of the item that
// took its place gets the focus, else of the item before it, else the next control after the
// list that still exists.

export const TABBABLE =
  'button:not([disabled]), input:not([disabled]):not([type="hidden"]), select:not([disabled]), ' +
  'textarea:not([disabled]), a[href], summary, [tabindex]:not([tabindex="-1"])';

/** Elements that are one entry of a list of like entries. */
const ITEM = 'li, tr, [role="row"], [role="group"], .cmp-field, .cmp-row, [data-focus-item]';

interface Place {
  element: Element;
  list: Element | null;
  itemIndex: number;
  controlIndex: number;
  /** What the control is, whatever row it is in (`BUTTON|Remove entry #`). */
  controlKey: string;
  /** The first control after the item, outside it, and the last one before it. */
  after: Element | null;
  before: Element | null;
}

/** A control's kind and name with its numbers blanked, alike in every row of a list. */
function controlKey(element: Element): string {
  const name = element.getAttribute('aria-label') ?? element.textContent ?? '';
  return `${element.tagName}|${name.replace(/\d+/g, '#').trim()}`;
}

function tabbables(root: ParentNode): Element[] {
  return [...root.querySelectorAll(TABBABLE)];
}

function placeOf(element: Element, doc: Document): Place {
  const item = element.closest(ITEM);
  const list = item?.parentElement ?? null;
  const all = tabbables(doc);
  const inItem = (candidate: Element) => (item ? item.contains(candidate) : candidate === element);
  const at = all.indexOf(element);
  return {
    element,
    list,
    itemIndex: item && list ? [...list.children].indexOf(item) : -1,
    controlIndex: item ? tabbables(item).indexOf(element) : 0,
    controlKey: controlKey(element),
    after: all.slice(at + 1).find((candidate) => !inItem(candidate)) ?? null,
    before:
      all
        .slice(0, Math.max(at, 0))
        .reverse()
        .find((candidate) => !inItem(candidate)) ?? null,
  };
}

function focusable(element: Element | null | undefined): element is HTMLElement {
  return element instanceof HTMLElement && element.isConnected;
}

function restore(place: Place, doc: Document): void {
  const active = doc.activeElement;
  if (place.element.isConnected || (active && active !== doc.body)) return;
  if (place.list?.isConnected && place.itemIndex >= 0) {
    const items = [...place.list.children];
    for (const item of [items[place.itemIndex], items[place.itemIndex - 1]]) {
      if (!item) continue;
      const controls = tabbables(item);
      const target =
        controls.find((control) => controlKey(control) === place.controlKey) ??
        controls[place.controlIndex] ??
        controls[0];
      if (focusable(target)) return target.focus();
    }
  }
  for (const target of [place.after, place.before]) {
    if (focusable(target)) return target.focus();
  }
}

/** Starts keeping the focus in `doc`; the answer stops it. */
export function installFocusKeeper(doc: Document = document): () => void {
  const note = () => {
    const active = doc.activeElement;
    if (!active || active === doc.body) return;
    const place = placeOf(active, doc);
    // After the handlers ran and React committed what they changed.
    setTimeout(() => restore(place, doc), 0);
  };
  // Only the keys that act: arrows and letters never remove anything.
  const onKey = (event: KeyboardEvent) => {
    if (['Enter', ' ', 'Delete', 'Backspace'].includes(event.key)) note();
  };
  doc.addEventListener('click', note, true);
  doc.addEventListener('keydown', onKey, true);
  return () => {
    doc.removeEventListener('click', note, true);
    doc.removeEventListener('keydown', onKey, true);
  };
}
