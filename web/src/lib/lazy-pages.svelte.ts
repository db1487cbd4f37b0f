import type { Component } from 'svelte';

/**
 * Pages loaded when first shown (route splitting): each page is its own chunk, fetched by a
 * dynamic `import()` — same-origin files, so the CSP's `script-src 'self'` allows them. The
 * sign-in screen loads none of them. A page once loaded stays (a reactive record the layout
 * reads); a failed load can be tried again.
 */
/** Each page has its own props: the constraint takes any (a page's own type is kept by `loaded`). */
type Loader = () => Promise<{ default: Component<never> }>;

export type LazyPages<L extends Record<string, Loader>> = {
  /** The pages loaded so far, by key. */
  readonly loaded: { [K in keyof L]?: Awaited<ReturnType<L[K]>>['default'] };
  /** The page whose chunk could not be fetched (the network, or a deploy that replaced it). */
  readonly failed: keyof L | null;
  /** Loads a page (once); resolves when it can be shown. */
  load(key: keyof L): Promise<void>;
};

export function lazyPages<L extends Record<string, Loader>>(loaders: L): LazyPages<L> {
  let loaded = $state.raw<{ [K in keyof L]?: Awaited<ReturnType<L[K]>>['default'] }>({});
  let failed = $state<keyof L | null>(null);
  const pending = new Map<keyof L, Promise<void>>();

  function load(key: keyof L): Promise<void> {
    if (loaded[key]) return Promise.resolve();
    let promise = pending.get(key);
    if (!promise) {
      promise = loaders[key]!().then(
        (module) => {
          loaded = { ...loaded, [key]: module.default };
          if (failed === key) failed = null;
        },
        (error: unknown) => {
          pending.delete(key);
          failed = key;
          throw error;
        },
      );
      pending.set(key, promise);
    }
    return promise;
  }

  return {
    get loaded() {
      return loaded;
    },
    get failed() {
      return failed;
    },
    load,
  };
}
