/** Log pesan (placeholder until the screen is built). */
export function MessagesScreen() {
  return (
    <section>
      <h1>Log pesan</h1>
    </section>
  );
}
