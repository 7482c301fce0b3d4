/** The parameters of a page view on the demo shop, titled `title`; `extra` adds or overrides. */
export function pageView(
  title: string,
  extra: Record<string, string> = {},
): Record<string, string> {
  return {
    idsite: '1',
    rec: '1',
    action_name: title,
    url: `https://shop.example/${title.toLowerCase().replace(/\s+/g, '-')}`,
    _id: '5a2b3c4d5e6f7a8b',
    ...extra,
  };
}
