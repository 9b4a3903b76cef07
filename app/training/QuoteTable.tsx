// A quote as a table (and as it prints): each line, the total, and what the district or school bears.
import { formatCad, type Quote } from "../../shared/training/quote";

export function QuoteTable({ quote }: { quote: Quote }) {
  return (
    <div className="space-y-3">
      <table className="w-full text-left text-sm">
        <caption className="sr-only">The quote</caption>
        <thead>
          <tr className="border-b border-stone-300 dark:border-stone-700">
            <th scope="col" className="py-1">
              Item
            </th>
            <th scope="col" className="text-right">
              Quantity
            </th>
            <th scope="col" className="text-right">
              Rate
            </th>
            <th scope="col" className="text-right">
              Amount
            </th>
          </tr>
        </thead>
        <tbody>
          {quote.lines.map((l) => (
            <tr key={l.label} className="border-b border-stone-200 dark:border-stone-800">
              <td className="py-1">{l.label}</td>
              <td className="text-right">
                {l.quantity} {l.unit}
                {l.quantity === 1 ? "" : "s"}
              </td>
              <td className="text-right">{formatCad(l.unitCents)}</td>
              <td className="text-right">{formatCad(l.amountCents)}</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row" colSpan={3} className="py-1 text-right">
              Total (CAD)
            </th>
            <td className="text-right font-semibold">{formatCad(quote.totalCents)}</td>
          </tr>
        </tfoot>
      </table>
      <p className="text-sm">Borne by the district or school: {quote.borneByClient.join(", ").toLowerCase()}.</p>
    </div>
  );
}
