import { Notification } from 'electron';
import type { Note } from './notify-policy.js';

/**
 * Shows a policy's note natively. Live notifications are kept referenced until closed: Electron
 * drops the click handler of one that was garbage-collected while still on screen.
 */
export function createNoteShower(onClick: (note: Note) => void): (note: Note) => void {
  const live = new Set<Notification>();
  return (note) => {
    if (!Notification.isSupported()) return;
    const n = new Notification({ title: note.title, body: note.body });
    live.add(n);
    n.on('click', () => onClick(note));
    n.on('close', () => live.delete(n));
    n.show();
  };
}
