/**
 * The shell: the network mode at the first desktop start, first-run setup, sign-in, the idle lock,
 * the signed-in layout with its screens, and the office-server-unreachable banner over all of them.
 */
import { useEffect, useState } from 'react';

import { NO_ANSWER_CODES } from '../shared/contract/retry';
import { call, hasStoredSession, onSessionProblem } from './api';
import { Layout } from './components/Layout';
import { ServerUnreachableBanner } from './components/ServerUnreachableBanner';
import { ApplicationScreen } from './screens/ApplicationScreen';
import { ApplicationsScreen } from './screens/ApplicationsScreen';
import { BackupScreen } from './screens/BackupScreen';
import { BsreSettingsScreen } from './screens/BsreSettingsScreen';
import { DashboardScreen } from './screens/DashboardScreen';
import { HoldersScreen } from './screens/HoldersScreen';
import { IdentityDeskScreen } from './screens/IdentityDeskScreen';
import { IntakeScreen } from './screens/IntakeScreen';
import { LockScreen } from './screens/LockScreen';
import { LoginScreen } from './screens/LoginScreen';
import { MessagesScreen } from './screens/MessagesScreen';
import { NetworkModeScreen } from './screens/NetworkModeScreen';
import { OfficeNetworkScreen } from './screens/OfficeNetwork';
import { OfficeScreen } from './screens/OfficeScreen';
import { PrivacyScreen } from './screens/PrivacyScreen';
import { QueueScreen } from './screens/QueueScreen';
import { ReportsScreen } from './screens/ReportsScreen';
import { SetupScreen } from './screens/SetupScreen';
import { SmtpSettingsScreen } from './screens/SmtpSettingsScreen';
import { SopScreen } from './screens/SopScreen';
import { StaffScreen } from './screens/StaffScreen';
import { TrainingScreen } from './screens/TrainingScreen';
import { UsersScreen } from './screens/UsersScreen';
import { useApp } from './state/app-store';
import { useIdleLock } from './state/use-idle-lock';

type Boot = 'loading' | 'mode' | 'setup' | 'ready';

export function App() {
  const [boot, setBoot] = useState<Boot>('loading');
  const [bootError, setBootError] = useState<string | null>(null);
  const { user, locked, route, visit, signIn, signOut, setLocked } = useApp();
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    void (async () => {
      setBootError(null);
      const status = await call('setup.status', {});
      if (!status.ok) {
        // A desk whose server is off: say so and keep trying; it starts by itself once the server answers.
        if (NO_ANSWER_CODES.includes(status.error.code)) window.setTimeout(() => setAttempt((n) => n + 1), 5_000);
        return setBootError(status.error.message);
      }
      if (!status.value.initialized) {
        // The desktop app's first start: which network mode, before the office is set up here.
        const mode = await window.loketHost?.modeGet();
        return setBoot(mode?.ok && !mode.value.chosen ? 'mode' : 'setup');
      }
      if (hasStoredSession()) {
        const me = await call('auth.me', {});
        if (me.ok) signIn(me.value);
      }
      setBoot('ready');
    })();
  }, [signIn, attempt]);

  useEffect(
    () =>
      onSessionProblem((code) => {
        if (code === 'SESSION_LOCKED') setLocked(true);
        else signOut();
      }),
    [setLocked, signOut],
  );

  useIdleLock();

  if (bootError)
    return (
      <main className="center-page">
        <p role="alert" className="error">
          {bootError}
        </p>
        <button type="button" className="secondary" onClick={() => setAttempt((n) => n + 1)}>
          Coba lagi
        </button>
        {window.loketHost && (
          <button type="button" className="link" onClick={() => setBoot('mode')}>
            Mode jaringan…
          </button>
        )}
      </main>
    );
  if (boot === 'mode') return <NetworkModeScreen onContinue={() => setBoot('setup')} />;
  if (boot === 'loading')
    return (
      <main className="center-page">
        <p>Memuat…</p>
      </main>
    );
  if (boot === 'setup' && !user)
    return (
      <SetupScreen
        onDone={(info) => {
          signIn(info);
          setBoot('ready');
        }}
      />
    );
  if (!user)
    return (
      <>
        <ServerUnreachableBanner />
        <LoginScreen />
      </>
    );
  if (locked)
    return (
      <>
        <ServerUnreachableBanner />
        <LockScreen />
      </>
    );

  return (
    <Layout>
      <ServerUnreachableBanner />
      {route.name === 'applications' && <ApplicationsScreen />}
      {route.name === 'application' && <ApplicationScreen id={route.id} />}
      {route.name === 'intake' && <IntakeScreen key={visit} renewal={route.renewal} />}
      {route.name === 'holders' && <HoldersScreen />}
      {route.name === 'sop' && <SopScreen />}
      {route.name === 'users' && <UsersScreen />}
      {route.name === 'office' && <OfficeScreen />}
      {route.name === 'bsreSettings' && <BsreSettingsScreen />}
      {route.name === 'training' && <TrainingScreen />}
      {route.name === 'identityDesk' && <IdentityDeskScreen id={route.id} />}
      {route.name === 'queue' && <QueueScreen />}
      {route.name === 'dashboard' && <DashboardScreen />}
      {route.name === 'reports' && <ReportsScreen />}
      {route.name === 'messages' && <MessagesScreen />}
      {route.name === 'smtpSettings' && <SmtpSettingsScreen />}
      {route.name === 'privacy' && <PrivacyScreen />}
      {route.name === 'backups' && <BackupScreen />}
      {route.name === 'network' && <OfficeNetworkScreen />}
      {route.name === 'staff' && <StaffScreen />}
      {route.name === 'networkMode' && <NetworkModeScreen />}
    </Layout>
  );
}
