// What the desktop till needs of this machine before `npm start` opens it: the Node version Electron's
// package asks for (it builds and launches the window). Where Node is older, start serves the browser till.

/** `>= 22.12.0` -> [22, 12, 0]; null when the range is not that simple form. */
export function minimumFrom(range) {
  const match = /^>=\s*(\d+)\.(\d+)\.(\d+)$/.exec((range ?? '').trim());
  return match ? match.slice(1).map(Number) : null;
}

/** A one-line reason the desktop cannot start here, or null when Node is new enough. */
export function nodeTooOld(nodeVersion, electronPackage) {
  const minimum = minimumFrom(electronPackage?.engines?.node);
  if (!minimum) return null;
  const current = nodeVersion.replace(/^v/, '').split('.').map(Number);
  for (let index = 0; index < 3; index++) {
    if ((current[index] ?? 0) > minimum[index]) return null;
    if ((current[index] ?? 0) < minimum[index]) {
      return `桌面版（Electron ${electronPackage.version}）需要 Node ${minimum.join('.')} 或更新，本机是 Node ${current.join('.')}`;
    }
  }
  return null;
}
