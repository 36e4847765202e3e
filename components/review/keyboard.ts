/** The review screen's keyboard shortcuts: one list for the legend, and the rule they share. */

/** Shortcuts never fire while the reviewer is typing or choosing in a field (Ctrl/⌘+Enter aside). */
export const isFieldTarget = (target: EventTarget | null) =>
  target instanceof Element && target.closest('input, textarea, select, [contenteditable]:not([contenteditable="false"])') !== null;

/** Whether a key press on the page is free for a screen shortcut: the image viewer has keys of its own. */
export const isScreenShortcut = (event: KeyboardEvent) =>
  !event.defaultPrevented && !event.isComposing && !event.repeat && document.querySelector('dialog[open]') === null;

/** `form`: only where the Override form is (reviewers and admins). */
export const SHORTCUTS = [
  { keys: ['A'], does: 'Next audit image (Enter enlarges it)', form: false },
  { keys: ['Shift', 'A'], does: 'Previous audit image', form: false },
  { keys: ['P'], does: 'Conclusion: Pass', form: true },
  { keys: ['F'], does: 'Conclusion: Fail', form: true },
  { keys: ['Shift', 'P'], does: 'Facial check: Pass', form: true },
  { keys: ['Shift', 'F'], does: 'Facial check: Fail', form: true },
  { keys: ['C'], does: 'Go to Reason code', form: true },
  { keys: ['R'], does: 'Go to Reason', form: true },
  { keys: ['Ctrl', 'Enter'], does: 'Save override (⌘+Enter on a Mac; works in the fields too)', form: true },
] as const;
