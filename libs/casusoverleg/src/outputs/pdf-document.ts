import PDFDocument from 'pdfkit';

/** The house style of Koers's PDF documents (minutes, the client export): A4, Helvetica, WinAnsi text. */
export const PDF_FONT = 'Helvetica';
export const PDF_FONT_BOLD = 'Helvetica-Bold';
export const PDF_FONT_ITALIC = 'Helvetica-Oblique';
export const PDF_SMALL_SIZE = 8.5;
export const PDF_MARGIN = { top: 60, bottom: 70, left: 60, right: 60 };

export type PdfDoc = InstanceType<typeof PDFDocument>;

export interface PdfDocumentOptions {
  /** Document title (metadata); it names no client unless the document is about that client. */
  title: string;
  subject: string;
  /** Creation time in the metadata. */
  at: Date;
  /** Footer text on every page, left; 'Pagina i van n' on the right. Already in WinAnsi. */
  footer: string;
  /** Compress the page content streams (default true); tests turn it off to read the text back. */
  compress?: boolean;
}

/** Renders one document: `draw` writes the body, then every page gets its footer. */
export function renderPdf(options: PdfDocumentOptions, draw: (doc: PdfDoc) => void): Promise<Buffer> {
  return new Promise<Buffer>((resolve, reject) => {
    try {
      const doc = new PDFDocument({
        size: 'A4',
        margins: PDF_MARGIN,
        bufferPages: true,
        compress: options.compress ?? true,
        lang: 'nl-NL',
        displayTitle: true,
        info: {
          Title: options.title,
          Author: 'Koers',
          Subject: options.subject,
          Creator: 'Koers',
          Producer: 'Koers',
          CreationDate: options.at,
          ModDate: options.at,
        },
      });
      const chunks: Buffer[] = [];
      doc.on('data', (chunk: Buffer) => chunks.push(chunk));
      doc.on('end', () => resolve(Buffer.concat(chunks)));
      doc.on('error', reject);
      draw(doc);
      drawFooters(doc, options.footer);
      doc.end();
    } catch (error) {
      reject(error);
    }
  });
}

function drawFooters(doc: PdfDoc, footer: string): void {
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    const { page } = doc;
    const bottomMargin = page.margins.bottom;
    page.margins.bottom = 0; // writing inside the bottom margin must not start a new page
    const y = page.height - 42;
    const width = page.width - PDF_MARGIN.left - PDF_MARGIN.right;
    doc.font(PDF_FONT).fontSize(PDF_SMALL_SIZE).fillColor('#666666');
    doc.text(footer, PDF_MARGIN.left, y, {
      width: width - 90,
      lineBreak: false,
      ellipsis: true,
      height: PDF_SMALL_SIZE * 1.5,
    });
    doc.text(`Pagina ${i - range.start + 1} van ${range.count}`, PDF_MARGIN.left + width - 90, y, {
      width: 90,
      align: 'right',
      lineBreak: false,
    });
    page.margins.bottom = bottomMargin;
  }
}
