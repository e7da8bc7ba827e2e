import { notifications } from '@mantine/notifications';

/** A short-lived message; the close button gets a name for screen readers. */
export function notify(message: string, color: 'green' | 'red' | 'blue' = 'green', title?: string): void {
  notifications.show({ message, color, title, closeButtonProps: { 'aria-label': 'Dismiss message' } });
}
