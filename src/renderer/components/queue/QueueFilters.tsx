/** The queue's filter selects; an empty choice means "Semua". */
import { SERVICE_TYPE_LABELS, SERVICE_TYPES, type ServiceType } from '../../../shared/domain/application';
import { type QueueView, WAITING_ON_LABELS, type WaitingOn } from '../../../shared/domain/queue';

export interface QueueFilterValue {
  stepNo?: number;
  verifierId?: string;
  agency?: string;
  serviceType?: ServiceType;
  waitingOn?: WaitingOn;
}

interface Props {
  value: QueueFilterValue;
  options: QueueView['options'];
  onChange(value: QueueFilterValue): void;
}

const shorten = (text: string, max = 48) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

export function QueueFilters({ value, options, onChange }: Props) {
  const set = (patch: Partial<QueueFilterValue>) => onChange({ ...value, ...patch });
  return (
    <div className="queue-filters">
      <div>
        <label htmlFor="qf-step">Langkah</label>
        <select
          id="qf-step"
          value={value.stepNo ?? ''}
          onChange={(e) => set({ stepNo: e.target.value ? Number(e.target.value) : undefined })}
        >
          <option value="">Semua langkah</option>
          {options.steps.map((s) => (
            <option key={s.no} value={s.no} title={s.activity}>
              {s.no}. {shorten(s.activity)}
            </option>
          ))}
        </select>
      </div>
      <div>
        <label htmlFor="qf-verifier">Verifikator</label>
        <select
          id="qf-verifier"
          value={value.verifierId ?? ''}
          onChange={(e) => set({ verifierId: e.target.value || undefined })}
        >
          <option value="">Semua verifikator</option>
          {options.verifiers.map((v) => (
            <option key={v.id} value={v.id}>
              {v.name}
            </option>
          ))}
        </select>
      </div>
      <div>
        <label htmlFor="qf-agency">OPD</label>
        <select
          id="qf-agency"
          value={value.agency ?? ''}
          onChange={(e) => set({ agency: e.target.value || undefined })}
        >
          <option value="">Semua OPD</option>
          {options.agencies.map((a) => (
            <option key={a} value={a}>
              {a}
            </option>
          ))}
        </select>
      </div>
      <div>
        <label htmlFor="qf-service">Jenis layanan</label>
        <select
          id="qf-service"
          value={value.serviceType ?? ''}
          onChange={(e) => set({ serviceType: (e.target.value || undefined) as ServiceType | undefined })}
        >
          <option value="">Semua layanan</option>
          {SERVICE_TYPES.map((s) => (
            <option key={s} value={s}>
              {SERVICE_TYPE_LABELS[s]}
            </option>
          ))}
        </select>
      </div>
      <div>
        <label htmlFor="qf-waiting">Menunggu</label>
        <select
          id="qf-waiting"
          value={value.waitingOn ?? ''}
          onChange={(e) => set({ waitingOn: (e.target.value || undefined) as WaitingOn | undefined })}
        >
          <option value="">Semua</option>
          {(Object.keys(WAITING_ON_LABELS) as WaitingOn[]).map((w) => (
            <option key={w} value={w}>
              {WAITING_ON_LABELS[w]}
            </option>
          ))}
        </select>
      </div>
    </div>
  );
}
