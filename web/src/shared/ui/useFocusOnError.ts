import { useEffect, useRef } from 'react';

/**
 * After a failed submit, move focus to the first field marked invalid, or bring the form's
 * alert into view, so keyboard and screen-reader users land on what needs attention.
 */
export function useFocusOnError<T extends HTMLElement>(fieldErrors: Record<string, string>, error: unknown) {
  const ref = useRef<T>(null);
  useEffect(() => {
    const root = ref.current;
    if (!root || (!error && Object.keys(fieldErrors).length === 0)) return;
    const invalid = root.querySelector<HTMLElement>('[aria-invalid="true"]');
    if (invalid) {
      invalid.focus();
      return;
    }
    root.querySelector<HTMLElement>('[role="alert"]')?.scrollIntoView({ block: 'center' });
  }, [fieldErrors, error]);
  return ref;
}
