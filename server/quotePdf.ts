// A training quote as a PDF (PDFKit): the network, the request, each line with quantity, rate and
// amount, the total in Canadian dollars, and what the district or school bears. The standard
// Helvetica font covers English and French (Windows-1252); other scripts would need an embedded font.
import PDFDocument from "pdfkit";
import { formatCad, type Quote } from "../shared/training/quote";

export interface QuotePdfInput {
  organization: string;
  contactName: string;
  offeringName: string;
  version: number;
  dated: string;
  summary: string;
  quote: Quote;
  note: string | null;
}

const networkName = "BC Compassionate Systems Leadership Network";

export function quotePdf(input: QuotePdfInput): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const doc = new PDFDocument({ size: "LETTER", margin: 56, info: { Title: `Quote: ${input.offeringName} for ${input.organization}`, Author: networkName } });
    const chunks: Buffer[] = [];
    doc.on("data", (c: Buffer) => chunks.push(c));
    doc.on("end", () => resolve(Buffer.concat(chunks)));
    doc.on("error", reject);
    const left = doc.page.margins.left;
    const width = doc.page.width - left - doc.page.margins.right;
    doc.font("Helvetica").fontSize(10).fillColor("#44403c").text(networkName);
    doc.moveDown(1.5).font("Helvetica-Bold").fontSize(18).fillColor("#1c1917").text(`Quote: ${input.offeringName}`);
    doc.moveDown(0.3).font("Helvetica").fontSize(11).text(`For ${input.organization}, attention ${input.contactName}`);
    doc.text(`Version ${input.version}, ${input.dated}. Amounts in Canadian dollars.`);
    doc.moveDown(0.3).text(input.summary);
    doc.moveDown(1);
    const columns = [
      { label: "Item", x: left, w: width * 0.46, align: "left" as const },
      { label: "Quantity", x: left + width * 0.46, w: width * 0.2, align: "right" as const },
      { label: "Rate", x: left + width * 0.66, w: width * 0.16, align: "right" as const },
      { label: "Amount", x: left + width * 0.82, w: width * 0.18, align: "right" as const },
    ];
    const row = (cells: string[], bold = false) => {
      const y = doc.y;
      doc.font(bold ? "Helvetica-Bold" : "Helvetica").fontSize(10);
      const heights = cells.map((c, i) => doc.heightOfString(c, { width: columns[i].w - 6 }));
      cells.forEach((c, i) => doc.text(c, columns[i].x, y, { width: columns[i].w - 6, align: columns[i].align }));
      doc.y = y + Math.max(...heights) + 4;
      doc.moveTo(left, doc.y).lineTo(left + width, doc.y).strokeColor("#d6d3d1").lineWidth(0.5).stroke();
      doc.y += 4;
    };
    row(columns.map((c) => c.label), true);
    for (const l of input.quote.lines) row([l.label, `${l.quantity} ${l.unit}${l.quantity === 1 ? "" : "s"}`, formatCad(l.unitCents), formatCad(l.amountCents)]);
    row(["Total (CAD)", "", "", formatCad(input.quote.totalCents)], true);
    doc.x = left;
    doc.moveDown(1).font("Helvetica-Bold").fontSize(11).text("Borne by the district or school");
    doc.font("Helvetica").fontSize(10);
    for (const item of input.quote.borneByClient) doc.text(`•  ${item}`);
    if (input.note) doc.moveDown(1).font("Helvetica-Oblique").text(input.note);
    doc.end();
  });
}
