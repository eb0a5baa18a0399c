import { inflateSync } from 'node:zlib';

// Node's TextDecoder reads 'windows-1252' as Latin-1, so the bytes 0x80-0x9f are mapped here.
const WIN_ANSI_80_9F = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ';
export const decodeWinAnsi = (bytes: Buffer): string =>
  [...bytes]
    .map((b) => (b >= 0x80 && b <= 0x9f ? WIN_ANSI_80_9F[b - 0x80] : String.fromCharCode(b)))
    .join('');

/** The content streams of a PDF, inflated where compressed. */
export function contentStreams(pdf: Buffer): string[] {
  const streams: string[] = [];
  const raw = pdf.toString('latin1');
  const re = /(?<!end)stream\r?\n/g;
  let match: RegExpExecArray | null;
  while ((match = re.exec(raw))) {
    const start = match.index + match[0].length;
    const end = raw.indexOf('endstream', start);
    if (end < 0) break;
    const bytes = pdf.subarray(start, end);
    let data: Buffer;
    try {
      data = inflateSync(bytes);
    } catch {
      data = bytes;
    }
    streams.push(data.toString('latin1'));
    re.lastIndex = end;
  }
  return streams;
}

/**
 * The text a pdfkit PDF shows (standard fonts, WinAnsi), compressed or not, as one string without whitespace:
 * runs and wrapped lines read on, so a sentence can be found whole (search for it with its spaces removed).
 */
export function pdfText(pdf: Buffer): string {
  let text = '';
  for (const stream of contentStreams(pdf)) {
    for (const op of stream.matchAll(/Tm[^[<]*(?:\[([^\]]*)\]\s*TJ|<([0-9a-fA-F]*)>\s*Tj)/g)) {
      const hex =
        op[1] !== undefined ? [...op[1].matchAll(/<([0-9a-fA-F]*)>/g)].map((m) => m[1]).join('') : op[2];
      text += decodeWinAnsi(Buffer.from(hex, 'hex'));
    }
  }
  return text.replace(/\s+/g, '');
}

/** `text` as pdfText finds it. */
export const squashed = (text: string): string => text.replace(/\s+/g, '');
