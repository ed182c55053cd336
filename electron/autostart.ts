import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * "Start at login". macOS and Windows have it in Electron (`app.setLoginItemSettings`); Linux
 * desktops read XDG autostart entries, so there it is a `.desktop` file in `~/.config/autostart`.
 */
export interface StartAtLogin {
  readonly supported: boolean;
  enabled(): Promise<boolean>;
  set(enabled: boolean): Promise<void>;
}

/** The argument a login start passes, so the app stays in the tray. */
export const HIDDEN_FLAG = '--hidden';
export const AUTOSTART_FILE = 'aegisgate.desktop';

/** Desktop Entry `Exec` quoting: always quoted, with `"`, `` ` ``, `$` and `\` escaped, `%` doubled. */
export function quoteExecArg(arg: string): string {
  return `"${arg.replace(/["`$\\]/g, (c) => `\\${c}`).replaceAll('%', '%%')}"`;
}

export function autostartEntry(executable: string): string {
  return [
    '[Desktop Entry]',
    'Type=Application',
    'Name=AegisGate',
    'Comment=Local privacy gateway for LLM API calls',
    `Exec=${quoteExecArg(executable)} ${HIDDEN_FLAG}`,
    'Terminal=false',
    'X-GNOME-Autostart-enabled=true',
    '',
  ].join('\n');
}

/**
 * @param autostartDir `$XDG_CONFIG_HOME/autostart`
 * @param executable what to run: the AppImage (`$APPIMAGE`) or the installed binary
 */
export function xdgStartAtLogin(autostartDir: string, executable: string): StartAtLogin {
  const path = join(autostartDir, AUTOSTART_FILE);
  return {
    supported: true,
    async enabled() {
      try {
        return (await readFile(path, 'utf8')).includes('X-GNOME-Autostart-enabled=true');
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === 'ENOENT') return false;
        throw err;
      }
    },
    async set(enabled) {
      if (!enabled) return rm(path, { force: true });
      await mkdir(autostartDir, { recursive: true });
      await writeFile(path, autostartEntry(executable), { mode: 0o644 });
    },
  };
}

/** Electron's `app` login item API, as used here (macOS, Windows). */
export interface LoginItemApi {
  getLoginItemSettings(options?: { args?: string[] }): { openAtLogin: boolean };
  setLoginItemSettings(settings: { openAtLogin: boolean; args?: string[] }): void;
}

export function loginItemStartAtLogin(api: LoginItemApi): StartAtLogin {
  const args = [HIDDEN_FLAG];
  return {
    supported: true,
    enabled: async () => api.getLoginItemSettings({ args }).openAtLogin,
    set: async (openAtLogin) => api.setLoginItemSettings({ openAtLogin, args }),
  };
}

export const unsupportedStartAtLogin: StartAtLogin = {
  supported: false,
  enabled: async () => false,
  set: async () => undefined,
};

export interface StartAtLoginContext {
  platform: NodeJS.Platform;
  /** Unpackaged runs would register the bare Electron binary, which opens Electron's default app. */
  isPackaged: boolean;
  env: NodeJS.ProcessEnv;
  execPath: string;
  homeDir: string;
  loginItems: LoginItemApi;
}

export function chooseStartAtLogin(ctx: StartAtLoginContext): StartAtLogin {
  if (!ctx.isPackaged) return unsupportedStartAtLogin;
  if (ctx.platform === 'darwin' || ctx.platform === 'win32') return loginItemStartAtLogin(ctx.loginItems);
  if (ctx.platform !== 'linux') return unsupportedStartAtLogin;
  const configHome = ctx.env.XDG_CONFIG_HOME || join(ctx.homeDir, '.config');
  // An AppImage runs from a temporary mount; $APPIMAGE is the file the user keeps.
  return xdgStartAtLogin(join(configHome, 'autostart'), ctx.env.APPIMAGE || ctx.execPath);
}
