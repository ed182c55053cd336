import { enableNotifications, enableSound, notificationsSupported } from '../dom/held-alert.js';
import { useAlertSettings } from '../hooks/useHeldAlerts.js';
import { useToast } from '../hooks/useToasts.js';

/** Opt-in: a desktop notification and a tone when something is held. Permission is asked from this click only. */
export function AlertToggles() {
  const settings = useAlertSettings();
  const toast = useToast();
  const toggleNotify = async () => {
    const permission = await enableNotifications(!settings.notify);
    if (!settings.notify && permission !== 'granted') {
      toast(permission === 'unsupported' ? 'This browser cannot show notifications' : 'Notifications are blocked for this page in the browser’s site settings', 'danger');
    }
  };
  return (
    <div className="seg" role="group" aria-label="Alerts for held requests">
      {notificationsSupported() && (
        <button type="button" aria-pressed={settings.notify} onClick={() => void toggleNotify()} data-testid="notify-toggle" title="A desktop notification when a request is held">
          Notify
        </button>
      )}
      <button type="button" aria-pressed={settings.sound} onClick={() => enableSound(!settings.sound)} data-testid="sound-toggle" title="A short tone when a request is held">
        Sound
      </button>
    </div>
  );
}
