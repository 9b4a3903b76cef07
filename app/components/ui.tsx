// The platform's small set of building blocks: labelled fields with their errors beside
// them, buttons, page headers, cards and empty states.
import { useId, type ReactNode } from "react";
import { Link } from "react-router";

const inputClass =
  "mt-1 block w-full rounded-md border border-stone-400 bg-white px-3 py-2 text-base text-stone-900 placeholder:text-stone-500 aria-[invalid=true]:border-red-700 dark:border-stone-600 dark:bg-stone-900 dark:text-stone-100";

interface FieldProps {
  label: string;
  name: string;
  error?: string;
  hint?: string;
  type?: string;
  defaultValue?: string | number | null;
  autoComplete?: string;
  required?: boolean;
  readOnly?: boolean;
  placeholder?: string;
  min?: string | number;
  max?: string | number;
  maxLength?: number;
  step?: string;
}

function Described({ id, hint, error }: { id: string; hint?: string; error?: string }) {
  return (
    <>
      {hint ? (
        <p id={`${id}-hint`} className="mt-1 text-sm text-stone-600 dark:text-stone-400">
          {hint}
        </p>
      ) : null}
      {error ? (
        <p id={`${id}-error`} className="mt-1 text-sm font-medium text-red-800 dark:text-red-300">
          {error}
        </p>
      ) : null}
    </>
  );
}

const describedBy = (id: string, hint?: string, error?: string) =>
  [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(" ") || undefined;

/** A label, one control, and the control's hint and error, wired together for screen readers. */
function LabelledControl({
  label,
  hint,
  error,
  control,
}: {
  label: string;
  hint?: string;
  error?: string;
  control: (wiring: { id: string; className: string; "aria-invalid"?: true; "aria-describedby"?: string }) => ReactNode;
}) {
  const id = useId();
  return (
    <div>
      <label htmlFor={id} className="block text-sm font-medium">
        {label}
      </label>
      {control({ id, className: inputClass, "aria-invalid": error ? true : undefined, "aria-describedby": describedBy(id, hint, error) })}
      <Described id={id} hint={hint} error={error} />
    </div>
  );
}

export function Field({ label, name, error, hint, type = "text", defaultValue, ...rest }: FieldProps) {
  return (
    <LabelledControl
      label={label}
      hint={hint}
      error={error}
      control={(wiring) => <input {...wiring} name={name} type={type} defaultValue={defaultValue ?? undefined} {...rest} />}
    />
  );
}

export function TextArea({ label, name, error, hint, defaultValue, rows = 4, maxLength }: FieldProps & { rows?: number; maxLength?: number }) {
  return (
    <LabelledControl
      label={label}
      hint={hint}
      error={error}
      control={(wiring) => <textarea {...wiring} name={name} rows={rows} maxLength={maxLength} defaultValue={defaultValue ?? undefined} />}
    />
  );
}

export function Select({ label, name, error, hint, defaultValue, options }: FieldProps & { options: { value: string; label: string }[] }) {
  return (
    <LabelledControl
      label={label}
      hint={hint}
      error={error}
      control={(wiring) => (
        <select {...wiring} name={name} defaultValue={defaultValue ?? undefined}>
          {options.map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
        </select>
      )}
    />
  );
}

const filterControl = "mt-1 block rounded-md border border-stone-400 bg-white px-2 py-1 dark:border-stone-600 dark:bg-stone-900";

/** A compact labelled choice in a filter bar (a GET form): "All" or "Any" first, then the options. */
export function FilterSelect({ label, name, defaultValue, all = "Any", options }: { label: string; name: string; defaultValue: string; all?: string; options: { value: string; label: string }[] }) {
  return (
    <label className="text-sm font-medium">
      {label}
      <select name={name} defaultValue={defaultValue} className={filterControl}>
        <option value="">{all}</option>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </label>
  );
}

/** A compact labelled text box in a filter bar. */
export function FilterInput({ label, name, defaultValue, type = "text", maxLength, placeholder }: { label: string; name: string; defaultValue: string; type?: string; maxLength?: number; placeholder?: string }) {
  return (
    <label className="text-sm font-medium">
      {label}
      <input type={type} name={name} defaultValue={defaultValue} maxLength={maxLength} placeholder={placeholder} className={filterControl} />
    </label>
  );
}

type ButtonVariant = "primary" | "secondary" | "danger" | "quiet";
const buttonClasses: Record<ButtonVariant, string> = {
  primary: "bg-indigo-700 text-white hover:bg-indigo-800 dark:bg-indigo-300 dark:text-indigo-950 dark:hover:bg-indigo-200",
  secondary:
    "border border-stone-400 bg-white text-stone-900 hover:bg-stone-100 dark:border-stone-600 dark:bg-stone-900 dark:text-stone-100 dark:hover:bg-stone-800",
  danger: "bg-red-700 text-white hover:bg-red-800 dark:bg-red-300 dark:text-red-950",
  quiet: "text-indigo-800 hover:bg-indigo-50 dark:text-indigo-200 dark:hover:bg-stone-800",
};
export const buttonClass = (variant: ButtonVariant = "primary") =>
  `inline-flex items-center justify-center gap-2 rounded-md px-4 py-2 text-sm font-semibold no-underline hover:no-underline disabled:opacity-60 ${buttonClasses[variant]}`;

export function Button({
  children,
  variant = "primary",
  name,
  value,
  type = "submit",
  "aria-label": ariaLabel,
}: {
  children: ReactNode;
  variant?: ButtonVariant;
  name?: string;
  value?: string;
  type?: "submit" | "button";
  "aria-label"?: string;
}) {
  return (
    <button type={type} name={name} value={value} aria-label={ariaLabel} className={buttonClass(variant)}>
      {children}
    </button>
  );
}

export function ButtonLink({ to, children, variant = "primary", reloadDocument }: { to: string; children: ReactNode; variant?: ButtonVariant; reloadDocument?: boolean }) {
  return (
    <Link to={to} className={buttonClass(variant)} reloadDocument={reloadDocument}>
      {children}
    </Link>
  );
}

export function PageHeader({ title, description, actions }: { title: string; description?: ReactNode; actions?: ReactNode }) {
  return (
    <div className="mb-8 flex flex-wrap items-end justify-between gap-4">
      <div>
        <h1 className="text-3xl font-semibold tracking-tight">{title}</h1>
        {description ? <div className="mt-2 max-w-2xl text-stone-700 dark:text-stone-300">{description}</div> : null}
      </div>
      {actions ? <div className="flex flex-wrap gap-2">{actions}</div> : null}
    </div>
  );
}

export function Card({ title, children, headingLevel = 2 }: { title?: string; children: ReactNode; headingLevel?: 2 | 3 }) {
  const Heading = headingLevel === 2 ? "h2" : "h3";
  return (
    <section className="rounded-xl border border-stone-200 bg-white p-5 shadow-sm dark:border-stone-800 dark:bg-stone-900">
      {title ? <Heading className="mb-3 text-lg font-semibold">{title}</Heading> : null}
      {children}
    </section>
  );
}

export function EmptyState({ children }: { children: ReactNode }) {
  return <div className="rounded-lg border border-dashed border-stone-300 p-5 text-stone-700 dark:border-stone-700 dark:text-stone-300">{children}</div>;
}

export function FormError({ message }: { message?: string | null }) {
  if (!message) return null;
  return (
    <div role="alert" className="rounded-md border border-red-300 bg-red-50 p-3 text-sm font-medium text-red-900 dark:border-red-800 dark:bg-red-950 dark:text-red-200">
      {message}
    </div>
  );
}

export function Notice({ children }: { children: ReactNode }) {
  return (
    <div role="status" className="rounded-md border border-emerald-300 bg-emerald-50 p-3 text-sm text-emerald-950 dark:border-emerald-800 dark:bg-emerald-950 dark:text-emerald-100">
      {children}
    </div>
  );
}

/** Key figures side by side: a term and its value each. */
export function Figures({ items }: { items: [term: string, value: string][] }) {
  return (
    <dl className="grid gap-3 sm:grid-cols-3 lg:grid-cols-6">
      {items.map(([term, value]) => (
        <div key={term} className="rounded-lg bg-stone-100 p-3 dark:bg-stone-800">
          <dt className="text-sm text-stone-700 dark:text-stone-300">{term}</dt>
          <dd className="text-xl font-semibold">{value}</dd>
        </div>
      ))}
    </dl>
  );
}

/**
 * A destructive action asked twice: the first button opens the question, the second does it.
 * Native disclosure, so it works before scripts load; sits inside the action's form and sends
 * `confirmed=yes`, which the action requires.
 */
export function ConfirmAction({ label, question, confirmLabel, intent }: { label: string; question: ReactNode; confirmLabel: string; intent: string }) {
  return (
    <details className="group">
      <summary className={`${buttonClass("danger")} cursor-pointer list-none`}>{label}</summary>
      <div className="mt-3 space-y-3 rounded-md border border-red-300 bg-red-50 p-3 text-sm text-red-950 dark:border-red-800 dark:bg-red-950 dark:text-red-100">
        <div>{question}</div>
        <input type="hidden" name="confirmed" value="yes" />
        <Button name="intent" value={intent} variant="danger">
          {confirmLabel}
        </Button>
      </div>
    </details>
  );
}
