/**
 * Opt-in alerts for held requests: a desktop notification (Notification API) and a short tone
 * (WebAudio, synthesised: no audio file to download or allow in the CSP). Both are off until the
 * user turns them on, and the browser's permission is asked only from that click. The choice is
 * kept in localStorage. Notifications carry the app, provider and detector, never a value.
 */
export interface AlertSettings {
  notify: boolean;
  sound: boolean;
}

const KEY = 'aegis.alerts';
const listeners = new Set<() => void>();
let current: AlertSettings = read();
let audio: AudioContext | undefined;

function read(): AlertSettings {
  try {
    const parsed = JSON.parse(window.localStorage.getItem(KEY) ?? '{}') as Partial<AlertSettings>;
    return { notify: parsed.notify === true, sound: parsed.sound === true };
  } catch {
    return { notify: false, sound: false };
  }
}

export const alertSettings = (): AlertSettings => current;

export function subscribeAlerts(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

function save(next: AlertSettings): void {
  current = next;
  try {
    window.localStorage.setItem(KEY, JSON.stringify(next));
  } catch {
    // Storage off: the choice holds for this page only.
  }
  for (const l of listeners) l();
}

export const notificationsSupported = (): boolean => typeof window.Notification === 'function';

/** From a click only: asks for permission when needed. Resolves with the permission in the end. */
export async function enableNotifications(on: boolean): Promise<NotificationPermission | 'unsupported'> {
  if (!on) {
    save({ ...current, notify: false });
    return notificationsSupported() ? Notification.permission : 'unsupported';
  }
  if (!notificationsSupported()) return 'unsupported';
  const permission = Notification.permission === 'default' ? await Notification.requestPermission() : Notification.permission;
  save({ ...current, notify: permission === 'granted' });
  return permission;
}

/** From a click only: browsers start audio only after a user gesture, so the context is made (and unlocked) here. */
export function enableSound(on: boolean): void {
  if (on) {
    audio ??= new AudioContext();
    void audio.resume();
  }
  save({ ...current, sound: on });
  if (on) beep();
}

/** Two short falling tones, ~0.3 s, quiet. */
export function beep(): void {
  if (!audio) {
    // After a reload the context must be remade; it may stay suspended until the next gesture.
    try {
      audio = new AudioContext();
    } catch {
      return;
    }
  }
  const start = audio.currentTime + 0.01;
  [880, 660].forEach((hz, i) => {
    const osc = audio!.createOscillator();
    const gain = audio!.createGain();
    osc.frequency.value = hz;
    const t = start + i * 0.16;
    gain.gain.setValueAtTime(0.0001, t);
    gain.gain.exponentialRampToValueAtTime(0.15, t + 0.02);
    gain.gain.exponentialRampToValueAtTime(0.0001, t + 0.14);
    osc.connect(gain).connect(audio!.destination);
    osc.start(t);
    osc.stop(t + 0.15);
  });
}

export interface HeldSummary {
  id: string;
  clientApp: string;
  provider: string;
  detector: string;
  stage: string;
}

/** Shows the notification and plays the tone, as the settings say. Clicking the notification opens Confirmations. */
export function alertHeld(item: HeldSummary): void {
  if (current.sound) beep();
  if (!current.notify || !notificationsSupported() || Notification.permission !== 'granted') return;
  const what = item.stage === 'request' ? 'A request' : 'A tool call';
  const note = new Notification('AegisGate: waiting for your decision', {
    body: `${what} from ${item.clientApp} to ${item.provider} (${item.detector}) is held until you decide.`,
    tag: item.id,
  });
  note.onclick = () => {
    window.focus();
    window.location.hash = '#/confirmations';
    note.close();
  };
}
