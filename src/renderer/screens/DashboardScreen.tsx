/** Dasbor (placeholder until the screen is built). */
export function DashboardScreen() {
  return (
    <section>
      <h1>Dasbor</h1>
    </section>
  );
}
