/**
 * Transforms see one canonical text (no BOM, `\n` line endings); the file gets its BOM and CRLF endings
 * back on write, so a migration never rewrites every line of a Windows-edited file.
 */
const BOM = '\uFEFF';

export interface TextShape {
  bom: boolean;
  crlf: boolean;
}

export function shapeOf(raw: string): TextShape {
  const bom = raw.startsWith(BOM);
  const newlines = raw.split('\n').length - 1;
  const crlfs = raw.split('\r\n').length - 1;
  // Only files with CRLF on every line are normalised: mixed endings are left exactly as they are.
  return { bom, crlf: newlines > 0 && crlfs === newlines };
}

export function normalizeText(raw: string, shape: TextShape = shapeOf(raw)): string {
  let text = shape.bom ? raw.slice(1) : raw;
  if (shape.crlf) text = text.replace(/\r\n/g, '\n');
  return text;
}

export function restoreText(text: string, shape: TextShape): string {
  let out = shape.crlf ? text.replace(/\r?\n/g, '\r\n') : text;
  if (shape.bom) out = BOM + out;
  return out;
}

/**
 * True for content a text transform must not touch: NUL bytes, or bytes that are not valid UTF-8 (decoding
 * turned them into U+FFFD, so the text no longer encodes back to the bytes on disk).
 */
export function looksBinary(text: string, bytes: () => Buffer): boolean {
  if (text.includes('\u0000')) return true;
  return text.includes('\uFFFD') && !Buffer.from(text, 'utf8').equals(bytes());
}
