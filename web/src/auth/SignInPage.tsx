import { Alert, Button, Container, Divider, Paper, PasswordInput, Stack, Text, TextInput, Title } from '@mantine/core';
import { useEffect, useState, type FormEvent } from 'react';
import { Navigate, useNavigate, useSearchParams } from 'react-router';
import { useSession } from '../app/session';
import { ApiError, describeError, get } from '../shared/api';
import { LoadingState } from '../shared/ui/states';
import { usePageTitle } from '../shared/ui/usePageTitle';
import { safeReturnTo } from './return-to';
import { singleSignOnHref, singleSignOnProblem, type SignInProviders } from './single-sign-on';

export function SignInPage() {
  usePageTitle('Sign in');
  const { session, loading, signIn } = useSession();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const returnTo = safeReturnTo(params.get('returnTo'));
  const [providers, setProviders] = useState<SignInProviders | null>(null);
  const ssoProblem = singleSignOnProblem(params.get('ssoError'));

  useEffect(() => {
    // Without the answer the page still offers the password form; single sign-on is an extra.
    get<SignInProviders>('/api/session/providers').then(setProviders, () => setProviders(null));
  }, []);

  if (loading) return <LoadingState label="Checking your session…" />;
  if (session && !busy) return <Navigate to={session.user.mustChangePassword ? '/change-password' : returnTo} replace />;

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const next = await signIn(email.trim(), password);
      navigate(next.user.mustChangePassword ? '/change-password' : returnTo, { replace: true });
    } catch (e) {
      if (e instanceof ApiError && e.status === 429) setError('Too many failed sign-in attempts. Wait a few minutes and try again.');
      else if (e instanceof ApiError && (e.status === 401 || e.status === 400)) setError('The e-mail address or password is not correct.');
      else setError(describeError(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Container size={420} py={60} component="main" id="main">
      <Title order={1} ta="center">
        Certus
      </Title>
      <Text c="dimmed" ta="center" mb="lg">
        Service management system
      </Text>
      <Paper withBorder shadow="sm" p="lg" radius="md">
        <form onSubmit={submit} noValidate>
          <Stack>
            <Title order={2} size="h3">
              Sign in
            </Title>
            {params.get('expired') ? (
              <Alert color="yellow" title="Your session has ended">
                Sign in again to carry on where you were.
              </Alert>
            ) : null}
            {params.get('signedOut') ? <Alert color="blue" title="You have signed out" /> : null}
            {error || ssoProblem ? (
              <Alert color="red" role="alert" title="Could not sign in">
                {error ?? ssoProblem}
              </Alert>
            ) : null}
            {providers?.oidc ? (
              <>
                {/* A plain link: the server redirects to the identity provider. */}
                <Button component="a" href={singleSignOnHref(providers.oidc.signInUrl, returnTo)} variant="filled" fullWidth>
                  {providers.oidc.label}
                </Button>
                <Divider label="or with your e-mail address and password" labelPosition="center" />
              </>
            ) : null}
            <TextInput label="E-mail address" type="email" autoComplete="username" required value={email} onChange={(e) => setEmail(e.currentTarget.value)} />
            <PasswordInput label="Password" autoComplete="current-password" required value={password} onChange={(e) => setPassword(e.currentTarget.value)} />
            <Button type="submit" loading={busy} fullWidth variant={providers?.oidc ? 'default' : 'filled'}>
              Sign in
            </Button>
          </Stack>
        </form>
      </Paper>
    </Container>
  );
}
