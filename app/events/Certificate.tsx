// A certificate of participation, as printed (one to a page): educators report these hours of
// professional learning.
export interface CertificateFacts {
  name: string;
  title: string;
  date: string;
  hours: number;
}

export function Certificate({ facts }: { facts: CertificateFacts }) {
  return (
    <section className="mx-auto max-w-2xl break-after-page rounded-xl border-4 border-double border-stone-400 bg-white p-10 text-center text-stone-900 print:border-stone-600">
      <p className="text-sm uppercase tracking-widest">BC Compassionate Systems Leadership Network</p>
      <h1 className="mt-6 text-3xl font-semibold">Certificate of participation</h1>
      <p className="mt-8 text-lg">This certifies that</p>
      <p className="mt-2 text-2xl font-semibold">{facts.name}</p>
      <p className="mt-4 text-lg">took part in</p>
      <p className="mt-2 text-xl font-medium">{facts.title}</p>
      <p className="mt-2">{facts.date}</p>
      <p className="mt-6 text-lg">
        {facts.hours} {facts.hours === 1 ? "hour" : "hours"} of professional learning
      </p>
    </section>
  );
}
