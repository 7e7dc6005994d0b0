/** Laporan fasilitasi (placeholder until the screen is built). */
export function ReportsScreen() {
  return (
    <section>
      <h1>Laporan fasilitasi</h1>
    </section>
  );
}
