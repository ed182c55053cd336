export interface Tab {
  id: string;
  label: string;
}

/** Tabs as links, so each is addressable (`#/settings/keys`) and the back button works. */
export function Tabs({ tabs, current, href }: { tabs: Tab[]; current: string; href: (id: string) => string }) {
  return (
    <nav className="tabs" aria-label="Sections">
      {tabs.map((t) => (
        <a key={t.id} href={href(t.id)} aria-current={t.id === current ? 'page' : undefined} data-testid={`tab-${t.id}`}>
          {t.label}
        </a>
      ))}
    </nav>
  );
}
