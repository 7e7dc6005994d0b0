/** Antrean hari ini (placeholder until the screen is built). */
export function QueueScreen() {
  return (
    <section>
      <h1>Antrean hari ini</h1>
    </section>
  );
}
