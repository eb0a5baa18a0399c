import {
  PDF_FONT,
  PDF_FONT_BOLD,
  PDF_FONT_ITALIC,
  PDF_SMALL_SIZE,
  type PdfDoc,
  toWinAnsi,
} from '@koers/casusoverleg';

export const BODY_SIZE = 10;
export const MUTED = '#444444';

/** Text the standard fonts can show, line breaks kept. */
export const winAnsi = (text: string): string => toWinAnsi(text.replace(/\r\n?/g, '\n'));

/**
 * Layout helpers on one pdfkit document, in Koers's house style (see renderPdf): headings, paragraphs, lettered
 * lists, label–value fields and fill-in lines. `fits` lets a one-page document stop before a new page would begin.
 */
export class DocumentWriter {
  constructor(readonly doc: PdfDoc) {}

  get left(): number {
    return this.doc.page.margins.left;
  }
  get width(): number {
    return this.doc.page.width - this.doc.page.margins.left - this.doc.page.margins.right;
  }
  get bottom(): number {
    return this.doc.page.height - this.doc.page.margins.bottom;
  }

  /** Whether `height` more points fit on the current page. */
  fits(height: number): boolean {
    return this.doc.y + height <= this.bottom;
  }

  ensureSpace(height: number): void {
    if (!this.fits(height)) this.doc.addPage();
  }

  space(points: number): void {
    this.doc.y += points;
  }

  title(text: string, subtitle?: string): void {
    this.doc.font(PDF_FONT_BOLD).fontSize(20).fillColor('#1a1a1a');
    this.doc.text(winAnsi(text), this.left, this.doc.page.margins.top, { width: this.width });
    if (subtitle) {
      this.doc.font(PDF_FONT).fontSize(12).fillColor('#333333');
      this.doc.text(winAnsi(subtitle), this.left, this.doc.y + 2, { width: this.width });
    }
    this.space(8);
  }

  /** A heading, kept with the lines that follow it. */
  heading(text: string, size = 12.5, keepWith = 60): void {
    this.space(8);
    this.ensureSpace(keepWith);
    this.doc.font(PDF_FONT_BOLD).fontSize(size).fillColor('#1a1a1a');
    this.doc.text(winAnsi(text), this.left, this.doc.y, { width: this.width });
    this.space(3);
  }

  paragraph(
    text: string,
    options: { font?: string; size?: number; color?: string; indent?: number; maxLines?: number } = {},
  ): void {
    const indent = options.indent ?? 0;
    const size = options.size ?? BODY_SIZE;
    this.doc
      .font(options.font ?? PDF_FONT)
      .fontSize(size)
      .fillColor(options.color ?? '#000000');
    const lineHeight = this.doc.currentLineHeight(true) + 2;
    const height = options.maxLines ? lineHeight * options.maxLines : undefined;
    this.ensureSpace(lineHeight);
    this.doc.text(winAnsi(text), this.left + indent, this.doc.y, {
      width: this.width - indent,
      lineGap: 2,
      ...(height ? { height, ellipsis: true } : {}),
    });
    this.doc.x = this.left;
  }

  /** A list item with its marker (`a.`, `•`) hanging in the margin of the text. */
  item(
    marker: string,
    text: string,
    options: { indent?: number; maxLines?: number; size?: number } = {},
  ): void {
    const indent = options.indent ?? 0;
    const size = options.size ?? BODY_SIZE;
    this.doc.font(PDF_FONT).fontSize(size).fillColor('#000000');
    const lineHeight = this.doc.currentLineHeight(true) + 2;
    this.ensureSpace(lineHeight);
    const y = this.doc.y;
    this.doc.text(winAnsi(marker), this.left + indent, y, { width: 18, lineBreak: false });
    this.doc.text(winAnsi(text), this.left + indent + 18, y, {
      width: this.width - indent - 18,
      lineGap: 2,
      ...(options.maxLines ? { height: lineHeight * options.maxLines, ellipsis: true } : {}),
    });
    this.doc.x = this.left;
  }

  /** 'Label: value' with a bold label; the value wraps beside it. */
  field(
    name: string,
    value: string,
    options: { indent?: number; labelWidth?: number; size?: number } = {},
  ): void {
    const doc = this.doc;
    const indent = options.indent ?? 0;
    const labelWidth = options.labelWidth ?? 150;
    doc.font(PDF_FONT).fontSize(options.size ?? BODY_SIZE);
    const valueWidth = this.width - indent - labelWidth;
    const height = Math.max(
      doc.heightOfString(winAnsi(value), { width: valueWidth, lineGap: 2 }),
      doc.currentLineHeight(true),
    );
    this.ensureSpace(Math.min(height, 60));
    const y = doc.y;
    doc.font(PDF_FONT_BOLD).fillColor('#000000');
    doc.text(winAnsi(`${name}:`), this.left + indent, y, { width: labelWidth - 6 });
    const afterLabel = doc.y;
    doc
      .font(PDF_FONT)
      .text(winAnsi(value), this.left + indent + labelWidth, y, { width: valueWidth, lineGap: 2 });
    doc.y = Math.max(doc.y, afterLabel);
    doc.x = this.left;
  }

  /** A label with a line to write on. */
  fillIn(name: string, options: { indent?: number; width?: number } = {}): void {
    const doc = this.doc;
    const indent = options.indent ?? 0;
    const width = options.width ?? this.width - indent;
    doc.font(PDF_FONT).fontSize(BODY_SIZE).fillColor('#000000');
    const lineHeight = doc.currentLineHeight(true);
    this.ensureSpace(lineHeight + 12);
    const x = this.left + indent;
    const y = doc.y + 8;
    doc.text(winAnsi(`${name}:`), x, y, { width: 110, lineBreak: false });
    doc
      .moveTo(x + 110, y + lineHeight)
      .lineTo(x + width, y + lineHeight)
      .lineWidth(0.5)
      .strokeColor('#777777')
      .stroke();
    doc.y = y + lineHeight + 6;
    doc.x = this.left;
  }

  muted(text: string, size = PDF_SMALL_SIZE): void {
    this.paragraph(text, { font: PDF_FONT_ITALIC, size, color: MUTED });
  }

  rule(): void {
    const y = this.doc.y + 4;
    this.doc
      .moveTo(this.left, y)
      .lineTo(this.left + this.width, y)
      .lineWidth(0.5)
      .strokeColor('#bbbbbb')
      .stroke();
    this.doc.y = y + 6;
  }
}
