/** A visible shortcut hint, e.g. <Kbd>Alt+1</Kbd>; counter staff learn the keys from the screen. */
export function Kbd({ children }: { children: string }): React.JSX.Element {
  return <kbd className="kbd">{children}</kbd>;
}
