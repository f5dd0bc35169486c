/** A number input that applies on change, kept within [min, max]; empty or invalid input is ignored. */
export function NumberField({
  label,
  value,
  min,
  max,
  step = 1,
  onChange,
}: {
  label: string;
  value: number;
  min: number;
  max?: number;
  step?: number;
  onChange: (value: number) => void;
}) {
  return (
    <label className="inline">
      {label}
      <input
        type="number"
        value={value}
        min={min}
        max={max}
        step={step}
        onChange={(e) => Number.isFinite(e.target.valueAsNumber) && onChange(Math.min(max ?? Infinity, Math.max(min, e.target.valueAsNumber)))}
      />
    </label>
  );
}
