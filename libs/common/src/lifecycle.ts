/**
 * Whether the process has been told to stop. Readiness reads it (so load
 * balancers stop sending traffic before the server closes), and responses
 * then ask clients not to keep the connection.
 */
export class Lifecycle {
  private stoppingSince: number | null = null;

  get stopping(): boolean {
    return this.stoppingSince !== null;
  }

  beginStopping(): void {
    this.stoppingSince ??= Date.now();
  }
}
