/** Text made safe inside HTML or SVG markup, in element content and in quoted attributes. */
export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch] as string);
}

/** A number as SVG writes it: at most two decimals. */
export function mm(value: number): string {
  return String(Math.round(value * 100) / 100);
}
