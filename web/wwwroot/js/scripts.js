// Loads a classic script of the app's own origin once (the Content-Security-Policy allows 'self' only),
// for a page that needs it: the rest of the app never downloads it.
const loaded = new Map();

export function load(src) {
  if (!loaded.has(src)) {
    loaded.set(src, new Promise((resolve, reject) => {
      const script = document.createElement('script');
      script.src = src;
      script.onload = () => resolve();
      script.onerror = () => { loaded.delete(src); reject(new Error(`Could not load ${src}`)); };
      document.head.appendChild(script);
    }));
  }
  return loaded.get(src);
}

// The live chat (web/Support/ChatConnection.cs): whether the page is in view, told to .NET as it changes.
export function followVisibility(dotnet) {
  const report = () => dotnet.invokeMethodAsync('VisibilityChanged', document.visibilityState === 'visible');
  document.addEventListener('visibilitychange', report);
  report();
  return { dispose: () => document.removeEventListener('visibilitychange', report) };
}

// A chat's composer: Enter sends its form, Shift+Enter (or Enter while composing text) goes on as usual.
export function enterSends(id) {
  const box = document.getElementById(id);
  if (!box || box.dataset.enterSends) return;
  box.dataset.enterSends = 'true';
  box.addEventListener('keydown', e => {
    if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) {
      e.preventDefault();
      box.form?.requestSubmit();
    }
  });
}

// A chat's log, scrolled to its newest message.
export function scrollToEnd(id) {
  const log = document.getElementById(id);
  if (log) log.scrollTop = log.scrollHeight;
}
