/** "Data pribadi": retention and the purge log for the Admin; data-subject export (Admin, Kasi) and erasure (Admin). */
import { DataSubjectPanel } from '../components/DataSubjectPanel';
import { RetentionPanel } from '../components/RetentionPanel';
import { useApp } from '../state/app-store';

export function PrivacyScreen() {
  const role = useApp((s) => s.user?.role);
  const admin = role === 'admin';
  return (
    <div className="stack">
      <h1>Data pribadi</h1>
      {admin && <RetentionPanel />}
      <DataSubjectPanel canErase={admin} />
    </div>
  );
}
