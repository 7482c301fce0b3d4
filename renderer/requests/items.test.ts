import { describe, expect, it } from 'vitest';
import { itemsTotal, parseItems, serializeItems } from './items';

describe('ecommerce items', () => {
  it('writes [sku, name, category, price, quantity] with numbers as numbers', () => {
    const json = serializeItems([
      { sku: 'SKU-1', name: 'Shoe', categories: 'Shoes, Trail', price: '89.9', quantity: '2' },
      { sku: 'SKU-2', name: 'Sock', categories: ' Socks ', price: '', quantity: '' },
    ]);
    expect(json).toBe('[["SKU-1","Shoe",["Shoes","Trail"],89.9,2],["SKU-2","Sock","Socks",0,1]]');
    expect(serializeItems([])).toBe('');
  });

  it('reads what it wrote, and the shapes real trackers send', () => {
    const { items } = parseItems('[["A","a","c",1.5,3],[["s1","s2"],"n",["x","y"],"2"]]');
    expect(items).toEqual([
      { sku: 'A', name: 'a', categories: 'c', price: '1.5', quantity: '3' },
      { sku: 's1,s2', name: 'n', categories: 'x, y', price: '2', quantity: '1' },
    ]);
    expect(itemsTotal(items)).toBe(6.5);
  });

  it('says why a value cannot be edited as items', () => {
    expect(parseItems('45').error).toMatch(/skip the whole conversion/);
    expect(parseItems('[["a"').error).toMatch(/not valid JSON/);
    expect(parseItems('')).toEqual({ items: [], error: null });
  });
});
