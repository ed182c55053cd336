import { Menu, Tray, nativeImage, type NativeImage } from 'electron';
import { toMenuTemplate, type MenuEntry } from './menu-model.js';
import { trayIconPngs, type IconKind } from './tray-icon.js';

export interface TrayView {
  render(icon: IconKind, tooltip: string, menu: readonly MenuEntry[]): void;
  destroy(): void;
}

function iconImage(kind: IconKind): NativeImage {
  const [base, ...more] = trayIconPngs(kind);
  const image = nativeImage.createFromBuffer(base.png, { scaleFactor: base.scaleFactor });
  for (const { scaleFactor, png } of more) image.addRepresentation({ scaleFactor, buffer: png });
  return image;
}

/**
 * The tray icon and its menu; it holds no state of its own. On Windows a click opens the
 * dashboard (elsewhere a click shows the menu, as those desktops expect).
 */
export function createTray(onClick: () => void): TrayView {
  const icons = new Map<IconKind, NativeImage>();
  const icon = (kind: IconKind) => {
    let image = icons.get(kind);
    if (!image) icons.set(kind, (image = iconImage(kind)));
    return image;
  };
  const tray = new Tray(icon('protecting'));
  if (process.platform === 'win32') tray.on('click', onClick);
  let shown: IconKind = 'protecting';
  return {
    render(kind, tooltip, menu) {
      if (kind !== shown) tray.setImage(icon(kind));
      shown = kind;
      tray.setToolTip(tooltip);
      tray.setContextMenu(Menu.buildFromTemplate(toMenuTemplate(menu)));
    },
    destroy: () => tray.destroy(),
  };
}
