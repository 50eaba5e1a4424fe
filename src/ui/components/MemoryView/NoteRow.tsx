// The decoded fields that start in the next hex row, as chips; pointers are buttons to follow.
import type { Field, Decoded } from './regions.ts';
import type { AddrName } from '../../lang/addresses.ts';

export interface Chip {
  readonly fid: number;
  readonly field: Field;
  readonly value: Decoded;
  readonly target?: AddrName;
}

/** What a chip says. */
export function chipText(c: Chip): string {
  const f = c.field;
  if (f.kind === 'var') return `${f.region.slice(4)} = ${c.value.text}`;
  if (f.kind === 'string') return c.value.text;
  if (f.kind === 'buffer' || f.kind === 'print') return `${f.region} · ${c.value.text}`;
  if (c.target) return `${f.name} → ${c.target.name ?? c.target.label}`;
  return `${f.name} = ${c.value.text}`;
}

export function NoteRow({ chips, onFollow }: { readonly chips: readonly Chip[]; readonly onFollow: (addr: number) => void }) {
  return (
    <div className="mem-note">
      {chips.map((c) => {
        const head = c.field.first && c.field.name !== '' ? <span className={`mem-region band-${c.field.kind}`}>{c.field.region}</span> : null;
        const text = chipText(c);
        const target = c.value.target;
        return (
          <span key={c.fid} className="mem-chip-wrap">
            {head}
            {target !== undefined ? (
              <button type="button" className={`mem-chip ptr band-${c.field.kind}`} data-field={c.fid} onClick={() => onFollow(target)} title={`follow to ${c.target?.label ?? ''}`}>
                {text}
              </button>
            ) : (
              <span className={`mem-chip band-${c.field.kind}`} data-field={c.fid}>
                {text}
              </span>
            )}
          </span>
        );
      })}
    </div>
  );
}
