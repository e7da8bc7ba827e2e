import { Alert, Anchor, Badge, Button, Code, CopyButton, Group, NumberInput, Paper, SimpleGrid, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { useSignedIn } from '../app/session';
import { ApiError, get, request, withSubject } from '../shared/api';
import { formatInstant } from '../shared/format';
import type { ApiToken, Role } from '../shared/types';
import { EmptyState, ErrorState, LoadingState, ProblemAlert } from '../shared/ui/states';
import { useAsync } from '../shared/ui/useAsync';
import { usePageTitle } from '../shared/ui/usePageTitle';

export function ProfilePage() {
  usePageTitle('My profile');
  const session = useSignedIn();
  const roles = useAsync('roles', (signal) => get<{ items: Role[] }>('/api/roles', signal));
  const roleById = new Map((roles.data?.items ?? []).map((r) => [r.id, r]));
  return (
    <Stack maw={960}>
      <Title order={1}>My profile</Title>
      <Paper withBorder p="md" component="section" aria-labelledby="me-heading">
        <Title order={2} size="h3" id="me-heading" mb="sm">
          {session.user.displayName}
        </Title>
        <SimpleGrid cols={{ base: 1, sm: 3 }} component="dl" m={0}>
          <div>
            <Text component="dt" fw={600} size="sm">
              E-mail address
            </Text>
            <Text component="dd" m={0}>
              {session.user.email}
            </Text>
          </div>
          <div>
            <Text component="dt" fw={600} size="sm">
              Time zone
            </Text>
            <Text component="dd" m={0}>
              {session.user.timeZone}
            </Text>
          </div>
          <div>
            <Text component="dt" fw={600} size="sm">
              Password
            </Text>
            <Text component="dd" m={0}>
              <Anchor component={Link} to="/change-password">
                Change your password
              </Anchor>
            </Text>
          </div>
        </SimpleGrid>
        <Title order={3} size="h4" mt="md" mb="xs">
          Your roles
        </Title>
        <Stack gap="xs">
          {session.user.roles.map((id) => (
            <div key={id}>
              <Badge variant="light" tt="none">
                {roleById.get(id)?.label ?? id}
              </Badge>
              {roleById.get(id) ? (
                <Text size="sm" c="dimmed">
                  {roleById.get(id)?.summary}
                </Text>
              ) : null}
            </div>
          ))}
        </Stack>
      </Paper>
      <ApiTokens />
    </Stack>
  );
}

function ApiTokens() {
  const session = useSignedIn();
  const tokens = useAsync('tokens', (signal) => get<{ items: ApiToken[] }>('/api/me/tokens', signal));
  const [name, setName] = useState('');
  const [days, setDays] = useState<number | ''>(90);
  const [created, setCreated] = useState<ApiToken | null>(null);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  async function create(event: FormEvent) {
    event.preventDefault();
    setError(null);
    setFieldErrors({});
    if (!name.trim()) {
      setFieldErrors({ name: 'Give the token a name, such as the script that uses it.' });
      return;
    }
    setBusy(true);
    try {
      const { data } = await request<ApiToken>('/api/me/tokens', { method: 'POST', body: { name: name.trim(), expiresInDays: days === '' ? null : days } });
      setCreated(data);
      setName('');
      tokens.reload();
    } catch (e) {
      if (e instanceof ApiError) setFieldErrors(e.fieldErrors());
      setError(e);
    } finally {
      setBusy(false);
    }
  }

  async function revoke(token: ApiToken) {
    if (!window.confirm(`Revoke the token “${token.name}”? Anything using it will stop working.`)) return;
    setError(null);
    try {
      await request(`/api/me/tokens/${token.id}`, { method: 'DELETE' });
      if (created?.id === token.id) setCreated(null);
      tokens.reload();
    } catch (e) {
      setError(e);
    }
  }

  const tz = session.user.timeZone;
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="tokens-heading">
      <Title order={2} size="h3" id="tokens-heading">
        API tokens
      </Title>
      <Text size="sm" c="dimmed" mb="sm">
        A token lets a script or another system call the Certus API as you, with your roles. Send it as <Code>Authorization: Bearer &lt;token&gt;</Code>.
      </Text>
      {created?.token ? (
        <Alert color="green" title={`Token “${created.name}” created`} mb="md" role="status">
          <Stack gap="xs">
            <Text size="sm">Copy it now: it is shown only once.</Text>
            <Group gap="xs" wrap="nowrap">
              <Code block style={{ flex: 1, overflowWrap: 'anywhere' }} data-testid="new-token">
                {created.token}
              </Code>
              <CopyButton value={created.token}>{({ copied, copy }) => <Button size="xs" onClick={copy}>{copied ? 'Copied' : 'Copy'}</Button>}</CopyButton>
            </Group>
          </Stack>
        </Alert>
      ) : null}
      <ProblemAlert error={Object.keys(fieldErrors).length ? null : error} />
      {tokens.error ? <ErrorState error={tokens.error} onRetry={tokens.reload} /> : null}
      {!tokens.data && !tokens.error ? <LoadingState label="Loading tokens…" /> : null}
      {tokens.data && tokens.data.items.length === 0 ? <EmptyState title="You have no API tokens" /> : null}
      {tokens.data && tokens.data.items.length > 0 ? (
        <Table.ScrollContainer minWidth={600}>
          <Table>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">Name</Table.Th>
                <Table.Th scope="col">Starts with</Table.Th>
                <Table.Th scope="col">Created</Table.Th>
                <Table.Th scope="col">Expires</Table.Th>
                <Table.Th scope="col">Last used</Table.Th>
                <Table.Th scope="col">Actions</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {tokens.data.items.map((t) => (
                <Table.Tr key={t.id}>
                  <Table.Td>{t.name}</Table.Td>
                  <Table.Td>
                    <Code>{t.prefix}…</Code>
                  </Table.Td>
                  <Table.Td>{formatInstant(t.createdAt, tz)}</Table.Td>
                  <Table.Td>{t.expiresAt ? formatInstant(t.expiresAt, tz) : 'Never'}</Table.Td>
                  <Table.Td>{t.lastUsedAt ? formatInstant(t.lastUsedAt, tz) : 'Never'}</Table.Td>
                  <Table.Td>
                    <Button size="xs" variant="subtle" color="red" onClick={() => void revoke(t)} aria-label={`Revoke ${t.name}`}>
                      Revoke
                    </Button>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      ) : null}
      <form onSubmit={create} noValidate aria-label="Create an API token">
        <Group align="flex-start" mt="md">
          <TextInput label="Token name" placeholder="Nightly export script" value={name} onChange={(e) => setName(e.currentTarget.value)} error={withSubject('Token name', fieldErrors.name)} maxLength={100} style={{ flex: 1 }} />
          <NumberInput label="Expires after (days)" description="Leave empty for no expiry" min={1} max={3650} value={days} onChange={(v) => setDays(v === '' ? '' : Number(v))} error={withSubject('Expires after (days)', fieldErrors.expiresInDays)} w={200} />
          <Button type="submit" loading={busy} mt={24}>
            Create token
          </Button>
        </Group>
      </form>
    </Paper>
  );
}
