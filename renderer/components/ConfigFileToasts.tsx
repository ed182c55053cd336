import { useEventStream } from '../hooks/useEventStream.js';
import { useToast } from '../hooks/useToasts.js';
import { describeConfigFile } from '../lib/config-file.js';

/** Announces every re-read of the `--config` file on whatever page is open; renders nothing itself. */
export function ConfigFileToasts() {
  const toast = useToast();
  useEventStream('config.file', (status) => toast(describeConfigFile(status), status.status === 'invalid' ? 'danger' : 'info'));
  return null;
}
