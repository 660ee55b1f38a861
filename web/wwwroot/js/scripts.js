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
