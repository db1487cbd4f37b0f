import { tick } from 'svelte';

/**
 * What the modals here share, on the native <dialog> (showModal: the page behind is inert, focus
 * stays inside; the look is `dialog.modal` in app.css): it opens with focus on one control inside
 * it, and closing returns focus to where it was before. Escape goes through `onEscape`.
 */
export class Modal {
  readonly #dialog: () => HTMLDialogElement | null;
  #returnFocus: HTMLElement | null = null;

  /** `dialog`: the element, as bound with bind:this. */
  constructor(dialog: () => HTMLDialogElement | null) {
    this.#dialog = dialog;
  }

  /**
   * Opens once what the caller has just put in it is on screen, with focus on the first element
   * inside matching `focus`. Nothing happens when it is open already.
   */
  async open(focus: string): Promise<void> {
    if (this.#dialog()?.open) return;
    this.#returnFocus = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    await tick();
    const dialog = this.#dialog();
    dialog?.showModal();
    dialog?.querySelector<HTMLElement>(focus)?.focus();
  }

  /** Closes it (when open) and puts focus back where it was. */
  close(): void {
    const dialog = this.#dialog();
    if (!dialog?.open) return;
    dialog.close();
    this.#returnFocus?.focus();
    this.#returnFocus = null;
  }
}

/**
 * The dialog's `oncancel`: Escape does what the dialog says (`action` closes it, or not) instead of
 * the browser closing it behind the page's back.
 */
export function onEscape(action: () => void): (event: Event) => void {
  return (event) => {
    event.preventDefault();
    action();
  };
}
