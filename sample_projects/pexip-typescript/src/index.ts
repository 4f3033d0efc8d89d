// Raised hands: the toolbar button counts the raised hands, a toast on the stage says who raised one, and the
// button's dialog lets a host lower them (client REST `clearbuzz`).
import { HandQueue, handsBody } from './hands';
import type { Action, DialogRef, Participant } from './pex';

const PEX = window.PEX;
const ICON = 'assets/hand.svg#hand';
const TOAST_MS = 5000;

const queue = new HandQueue();
const state$ = PEX.pluginAPI.createNewState({ icon: ICON, label: 'Raised hands (0)' });
const subscriptions: { unsubscribe(): void }[] = [];

function toast(text: string): void {
  const stage = document.getElementById('conference-stage-container');
  if (!stage) {
    return;
  }
  const el = document.createElement('div');
  el.className = 'hand-raise-toast';
  el.textContent = text;
  el.style.cssText = 'position:absolute;left:16px;top:16px;padding:8px 12px;border-radius:4px;' +
    'background:rgba(0,0,0,.7);color:#fff;z-index:6';
  stage.appendChild(el);
  setTimeout(() => el.remove(), TOAST_MS);
}

function load(participants$: { subscribe(next: (list: Participant[]) => void): { unsubscribe(): void } }): void {
  subscriptions.push(participants$.subscribe((list) => queue.update(list)));
  subscriptions.push(queue.label$.subscribe((label) => state$.next({ icon: ICON, label })));
  subscriptions.push(
    PEX.actions$.ofType('[Conference] Buzz Changed').subscribe((action: Action) => {
      const p = action.payload as Participant;
      if (p.buzzTime) {
        toast(`${p.name} raised a hand`);
      }
    }),
  );
}

function unload(): void {
  subscriptions.splice(0).forEach((s) => s.unsubscribe());
}

function showHands(): void {
  PEX.pluginAPI
    .openTemplateDialog({ title: 'Raised hands', body: handsBody(queue.hands) })
    .then((dialog: DialogRef) => {
      document.querySelectorAll<HTMLButtonElement>('#hand-raise-list button[data-uuid]').forEach((button) => {
        button.addEventListener('click', () => {
          PEX.pluginAPI.sendRequest(`participants/${button.dataset.uuid}/clearbuzz`);
          button.disabled = true;
          if (queue.hands.length <= 1) {
            dialog.close();
          }
        });
      });
    });
}

PEX.pluginAPI.registerPlugin({ id: 'hand-raise', load, unload, showHands, state$ });
