import { watch, type FSWatcher } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { basename, dirname, resolve } from 'node:path';

export interface FileWatchOptions {
  /** Quiet time after the last change event before the file is read (editors write in bursts). */
  debounceMs: number;
  /** The file's text once it settled on something new; not called when only its timestamp changed. */
  onText: (text: string) => void;
  /** The file could not be read (gone for good, permissions) or the watch failed. */
  onError: (err: NodeJS.ErrnoException) => void;
}

/**
 * Watches one file through its directory, not the file itself: editors and config tools save by
 * writing a new file and renaming it over the old one, which ends a watch on the old inode. Change
 * bursts are debounced; unchanged text is not reported. Returns the close function.
 */
export function watchFile(path: string, opts: FileWatchOptions, initialText?: string): () => void {
  const file = resolve(path);
  const name = basename(file);
  let last = initialText;
  let timer: NodeJS.Timeout | undefined;
  let closed = false;
  // What the file holds now, so a save that changes nothing (a touch, an editor's backup write) is not reported.
  if (last === undefined) void readFile(file, 'utf8').then((text) => void (last ??= text), () => undefined);

  const read = async () => {
    timer = undefined;
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch (err) {
      if (!closed) opts.onError(err as NodeJS.ErrnoException);
      return;
    }
    if (closed || text === last) return;
    last = text;
    opts.onText(text);
  };

  let watcher: FSWatcher;
  try {
    watcher = watch(dirname(file), { persistent: false }, (_event, changed) => {
      // Some platforms do not say which file changed: then it may be ours.
      if (closed || (changed !== null && changed.toString() !== name)) return;
      if (timer) clearTimeout(timer);
      timer = setTimeout(() => void read(), opts.debounceMs);
    });
  } catch (err) {
    opts.onError(err as NodeJS.ErrnoException);
    return () => undefined;
  }
  watcher.on('error', (err) => opts.onError(err as NodeJS.ErrnoException));
  return () => {
    closed = true;
    if (timer) clearTimeout(timer);
    watcher.close();
  };
}
