import { Alert, Button, Container, Paper, PasswordInput, Stack, Text, Title } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router';
import { useSession, useSignedIn } from '../app/session';
import { ApiError, request, withSubject } from '../shared/api';
import { ProblemAlert } from '../shared/ui/states';
import { usePageTitle } from '../shared/ui/usePageTitle';
import { notify } from '../shared/ui/notify';
import { useFocusOnError } from '../shared/ui/useFocusOnError';

const minimumLength = 12;

export function ChangePasswordPage() {
  usePageTitle('Change your password');
  const session = useSignedIn();
  const { refresh, signOut } = useSession();
  const navigate = useNavigate();
  const [currentPassword, setCurrent] = useState('');
  const [newPassword, setNew] = useState('');
  const [confirm, setConfirm] = useState('');
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const formRef = useFocusOnError<HTMLFormElement>(fieldErrors, error);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const errors: Record<string, string> = {};
    if (newPassword.length < minimumLength) errors.newPassword = `Use at least ${minimumLength} characters.`;
    if (newPassword !== confirm) errors.confirm = 'The two new passwords are not the same.';
    setFieldErrors(errors);
    setError(null);
    if (Object.keys(errors).length > 0) return;
    setBusy(true);
    try {
      await request('/api/me/password', { method: 'POST', body: { currentPassword, newPassword } });
      await refresh();
      notify('Your password has been changed.');
      navigate('/', { replace: true });
    } catch (e) {
      if (e instanceof ApiError) setFieldErrors(e.fieldErrors());
      setError(e);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Container size={460} py={60} component="main" id="main">
      <Paper withBorder shadow="sm" p="lg" radius="md">
        <form ref={formRef} onSubmit={submit} noValidate>
          <Stack>
            <Title order={1} size="h2">
              Change your password
            </Title>
            {session.user.mustChangePassword ? (
              <Alert color="yellow" title="A new password is needed">
                Your password was set by an administrator. Choose your own before you carry on.
              </Alert>
            ) : null}
            <Text size="sm">Signed in as {session.user.email}</Text>
            <ProblemAlert error={error} />
            <PasswordInput label="Current password" autoComplete="current-password" required value={currentPassword} onChange={(e) => setCurrent(e.currentTarget.value)} error={withSubject('Current password', fieldErrors.currentPassword)} />
            <PasswordInput
              label="New password"
              description={`At least ${minimumLength} characters`}
              autoComplete="new-password"
              required
              value={newPassword}
              onChange={(e) => setNew(e.currentTarget.value)}
              error={withSubject('New password', fieldErrors.newPassword)}
            />
            <PasswordInput label="New password again" autoComplete="new-password" required value={confirm} onChange={(e) => setConfirm(e.currentTarget.value)} error={withSubject('New password again', fieldErrors.confirm)} />
            <Button type="submit" loading={busy}>
              Change password
            </Button>
            <Button variant="subtle" onClick={() => void signOut().then(() => navigate('/sign-in', { replace: true }))}>
              Sign out instead
            </Button>
          </Stack>
        </form>
      </Paper>
    </Container>
  );
}
