// The queue of raised hands, in the order they went up, derived from the participants the app shows.
import { BehaviorSubject, distinctUntilChanged, map } from 'rxjs';

import type { Participant } from './pex';

export interface RaisedHand {
  uuid: string;
  name: string;
  since: number;
}

export class HandQueue {
  private readonly hands$ = new BehaviorSubject<RaisedHand[]>([]);

  /** The toolbar label, each time the number of raised hands changes. */
  readonly label$ = this.hands$.pipe(
    map((hands) => `Raised hands (${hands.length})`),
    distinctUntilChanged(),
  );

  update(participants: Participant[]): void {
    const raised = participants
      .filter((p) => p.buzzTime > 0)
      .map((p) => ({ uuid: p.uuid, name: p.name, since: p.buzzTime }))
      .sort((a, b) => a.since - b.since);
    this.hands$.next(raised);
  }

  get hands(): RaisedHand[] {
    return this.hands$.getValue();
  }
}

/** The dialog body: one row per raised hand, each with a button that lowers it. */
export function handsBody(hands: RaisedHand[]): string {
  if (!hands.length) {
    return '<p id="hand-raise-none">No hands are raised.</p>';
  }
  const rows = hands.map(
    (h, i) =>
      `<li>${i + 1}. ${escapeHtml(h.name)} <button id="hand-raise-lower-${escapeHtml(h.uuid)}" ` +
      `class="dialog-button blue-action-button" data-uuid="${escapeHtml(h.uuid)}">Lower</button></li>`,
  );
  return `<ol id="hand-raise-list" style="list-style: none; padding: 0">${rows.join('')}</ol>`;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
