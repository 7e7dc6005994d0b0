/** The queue's rows, most overdue first: step, holder, waiting-on, time against the standard. */
import { SERVICE_TYPE_LABELS } from '../../../shared/domain/application';
import { type QueueItem, type QueueView, stepActivityOf, WAITING_ON_LABELS } from '../../../shared/domain/queue';
import { SlaBadge } from '../Badges';
import { ReassignControl } from './ReassignControl';

interface Props {
  items: QueueItem[];
  /** The steps' activities, once per template and step (QueueView.stepActivities). */
  stepActivities: QueueView['stepActivities'];
  verifiers: { id: string; name: string }[];
  canReassign: boolean;
  onOpen(id: string): void;
  onReassigned(message: string): void;
  onError(message: string): void;
}

export function QueueTable({ items, stepActivities, verifiers, canReassign, onOpen, onReassigned, onError }: Props) {
  return (
    <table className="table queue-table">
      <thead>
        <tr>
          <th>Nomor</th>
          <th>Pemohon / OPD</th>
          <th>Langkah</th>
          <th>Dipegang</th>
          <th>Menunggu</th>
          <th>Waktu vs standar</th>
          {canReassign && <th>Verifikator</th>}
        </tr>
      </thead>
      <tbody>
        {items.map((i) => {
          const activity = stepActivityOf({ stepActivities }, i);
          return (
            <tr key={i.id} className={`clickable row-${i.sla}`} data-testid="queue-row" onClick={() => onOpen(i.id)}>
              <td>
                <button type="button" className="link" onClick={() => onOpen(i.id)}>
                  {i.referenceNo}
                </button>
                <div className="muted small-text">{SERVICE_TYPE_LABELS[i.serviceType]}</div>
              </td>
              <td>
                {i.applicantName}
                <div className="muted small-text">{i.agency}</div>
              </td>
              <td title={activity}>
                <strong>{i.stepNo}.</strong> <span className="clamp">{activity}</span>
              </td>
              <td data-testid="queue-holder">{i.holder}</td>
              <td>
                <span className={`badge waiting-${i.waitingOn}`}>{WAITING_ON_LABELS[i.waitingOn]}</span>
              </td>
              <td>
                <SlaBadge elapsedMinutes={i.elapsedMinutes} standardMinutes={i.standardMinutes} />
              </td>
              {canReassign && (
                <td onClick={(e) => e.stopPropagation()}>
                  {i.verifier ? (
                    <>
                      <div data-testid="queue-verifier">{i.verifier.name}</div>
                      <ReassignControl
                        applicationId={i.id}
                        currentVerifierId={i.verifier.id}
                        verifiers={verifiers}
                        onDone={onReassigned}
                        onError={onError}
                      />
                    </>
                  ) : (
                    <span className="muted">Belum ditugaskan</span>
                  )}
                </td>
              )}
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
