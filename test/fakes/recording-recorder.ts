import type { IncidentEvent, IncidentRecorder } from '../../src/incidents/incident-event.ts';

/** An IncidentRecorder that keeps what it is given, for assertions. */
export class RecordingRecorder implements IncidentRecorder {
  readonly events: IncidentEvent[] = [];
  async record(event: IncidentEvent): Promise<void> {
    this.events.push(event);
  }
}
