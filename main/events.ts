import type { AppEvent, EventName, EventPayload } from '../core/api/contract.js';

type Listener = (event: AppEvent) => void;

/** In-process fan-out of events to whichever doors are listening (SSE clients, Electron windows). */
export class EventBus {
  private readonly listeners = new Set<Listener>();

  emit<E extends EventName>(name: E, payload: EventPayload<E>): void {
    for (const l of this.listeners) l({ name, payload });
  }

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
