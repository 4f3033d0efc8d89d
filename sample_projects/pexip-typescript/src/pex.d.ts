// The parts of the web app's globals this plugin uses (web app v2 plugin API).

export interface Participant {
  uuid: string;
  name: string;
  role: 'chair' | 'guest';
  buzzTime: number;
}

export interface Subscribable<T> {
  subscribe(next: (value: T) => void): { unsubscribe(): void };
}

export interface Action<P = unknown> {
  type: string;
  payload: P;
}

export interface DialogRef {
  close(): void;
  close$: Subscribable<unknown>;
}

export interface State<T> extends Subscribable<T> {
  next(value: T): void;
}

export interface PluginApi {
  registerPlugin(plugin: Record<string, unknown>): void;
  createNewState<T>(initial: T): State<T>;
  openTemplateDialog(options: { title: string; body: string }): Promise<DialogRef>;
  sendRequest(path: string, payload?: unknown, callback?: (reply: unknown) => void): void;
}

export interface Pex {
  pluginAPI: PluginApi;
  actions$: Subscribable<Action> & { ofType(type: string): Subscribable<Action> };
  selfUUID: string | null;
}

declare global {
  interface Window {
    PEX: Pex;
  }
}
