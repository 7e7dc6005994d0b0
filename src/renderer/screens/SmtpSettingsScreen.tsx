/** Pengaturan email (placeholder until the screen is built). */
export function SmtpSettingsScreen() {
  return (
    <section>
      <h1>Pengaturan email</h1>
    </section>
  );
}
