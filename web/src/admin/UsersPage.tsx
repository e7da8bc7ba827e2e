import { Alert, Badge, Button, Checkbox, Code, Group, Modal, MultiSelect, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { NotFoundPage } from '../app/NotFoundPage';
import { useSession } from '../app/session';
import { ApiError, get, request, withSubject } from '../shared/api';
import type { ApiResponse } from '../shared/api-schema';
import type { Role, UserSummary } from '../shared/types';
import { ErrorState, LoadingState, ProblemAlert } from '../shared/ui/states';
import { useAsync } from '../shared/ui/useAsync';
import { usePageTitle } from '../shared/ui/usePageTitle';
import { ConflictAlert, isConflict } from '../records/ConflictAlert';
import { notify } from '../shared/ui/notify';

/** The user directory; people with users:manage can add users, change roles and reset passwords. */
export function UsersPage() {
  usePageTitle('Users');
  const { can } = useSession();
  const users = useAsync('users', (signal) => get<{ items: UserSummary[] }>('/api/users', signal));
  const roles = useAsync('roles', (signal) => get<{ items: Role[] }>('/api/roles', signal));
  const [editing, setEditing] = useState<UserSummary | 'new' | null>(null);
  const [secret, setSecret] = useState<{ email: string; password: string } | null>(null);
  const manage = can('users:manage');
  if (!can('users:read')) return <NotFoundPage />;

  const roleOptions = (roles.data?.items ?? []).map((r) => ({ value: r.id, label: r.label }));
  const roleLabel = (id: string) => roles.data?.items.find((r) => r.id === id)?.label ?? id;

  async function resetPassword(user: UserSummary) {
    if (!window.confirm(`Reset the password of ${user.displayName}? They must choose a new one at next sign-in.`)) return;
    try {
      const { data } = await request<ApiResponse<'reset-password'>>(`/api/users/${user.id}/password-reset`, { method: 'POST' });
      setSecret({ email: user.email, password: data.temporaryPassword });
    } catch (e) {
      notify(e instanceof Error ? e.message : 'Unknown error', 'red', 'Could not reset the password');
    }
  }

  return (
    <Stack>
      <Group justify="space-between">
        <Title order={1}>Users</Title>
        {manage ? <Button onClick={() => setEditing('new')}>Add a user</Button> : null}
      </Group>
      {secret ? (
        <Alert color="green" title={`Temporary password for ${secret.email}`} withCloseButton onClose={() => setSecret(null)} closeButtonLabel="Dismiss" role="status">
          <Text size="sm">Pass it on securely; it is shown only once and must be changed at first sign-in.</Text>
          <Code block mt="xs">
            {secret.password}
          </Code>
        </Alert>
      ) : null}
      {users.error ? <ErrorState error={users.error} onRetry={users.reload} /> : null}
      {!users.data && !users.error ? <LoadingState /> : null}
      {users.data ? (
        <Table.ScrollContainer minWidth={700}>
          <Table striped>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">Name</Table.Th>
                <Table.Th scope="col">E-mail address</Table.Th>
                <Table.Th scope="col">Roles</Table.Th>
                <Table.Th scope="col">State</Table.Th>
                {manage ? <Table.Th scope="col">Actions</Table.Th> : null}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {users.data.items.map((u) => (
                <Table.Tr key={u.id}>
                  <Table.Td>{u.displayName}</Table.Td>
                  <Table.Td>{u.email}</Table.Td>
                  <Table.Td>
                    <Group gap={4}>
                      {u.roles.map((r) => (
                        <Badge key={r} variant="light" tt="none" size="sm">
                          {roleLabel(r)}
                        </Badge>
                      ))}
                    </Group>
                  </Table.Td>
                  <Table.Td>{u.active ? (u.mustChangePassword ? 'Active, must change password' : 'Active') : 'Deactivated'}</Table.Td>
                  {manage ? (
                    <Table.Td>
                      <Group gap={4} wrap="nowrap">
                        <Button size="xs" variant="subtle" onClick={() => setEditing(u)} aria-label={`Edit ${u.displayName}`}>
                          Edit
                        </Button>
                        <Button size="xs" variant="subtle" onClick={() => void resetPassword(u)} aria-label={`Reset the password of ${u.displayName}`}>
                          Reset password
                        </Button>
                      </Group>
                    </Table.Td>
                  ) : null}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      ) : null}
      <Modal opened={editing !== null} onClose={() => setEditing(null)} title={editing === 'new' ? 'Add a user' : editing ? `Edit ${editing.displayName}` : ''} size="lg">
        {editing ? (
          <UserForm
            key={editing === 'new' ? 'new' : editing.id}
            user={editing === 'new' ? null : editing}
            roleOptions={roleOptions}
            onDone={(temporaryPassword, email) => {
              setEditing(null);
              users.reload();
              if (temporaryPassword) setSecret({ email, password: temporaryPassword });
            }}
            onReload={() => {
              setEditing(null);
              users.reload();
            }}
          />
        ) : null}
      </Modal>
    </Stack>
  );
}

interface UserFormProps {
  user: UserSummary | null;
  roleOptions: { value: string; label: string }[];
  onDone(temporaryPassword: string | null, email: string): void;
  onReload(): void;
}

function UserForm({ user, roleOptions, onDone, onReload }: UserFormProps) {
  const [email, setEmail] = useState(user?.email ?? '');
  const [displayName, setDisplayName] = useState(user?.displayName ?? '');
  const [roles, setRoles] = useState<string[]>(user?.roles ?? []);
  const [timeZone, setTimeZone] = useState(user?.timeZone ?? 'Europe/London');
  const [active, setActive] = useState(user?.active ?? true);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    setFieldErrors({});
    try {
      if (user) {
        await request(`/api/users/${user.id}`, { method: 'PATCH', body: { displayName, roles, timeZone, active }, ifMatch: `"${user.version}"` });
        onDone(null, user.email);
      } else {
        const { data } = await request<ApiResponse<'create-user', 201>>('/api/users', { method: 'POST', body: { email, displayName, roles } });
        onDone(data.temporaryPassword, data.user.email);
      }
    } catch (e) {
      if (e instanceof ApiError) setFieldErrors(e.fieldErrors());
      setError(e);
    } finally {
      setBusy(false);
    }
  }

  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        {isConflict(error) ? <ConflictAlert onReload={onReload} lostWork /> : <ProblemAlert error={Object.keys(fieldErrors).length ? null : error} />}
        <TextInput label="E-mail address" type="email" value={email} onChange={(e) => setEmail(e.currentTarget.value)} disabled={Boolean(user)} withAsterisk error={withSubject('E-mail address', fieldErrors.email)} />
        <TextInput label="Display name" value={displayName} onChange={(e) => setDisplayName(e.currentTarget.value)} withAsterisk error={withSubject('Display name', fieldErrors.displayName)} />
        <MultiSelect label="Roles" data={roleOptions} value={roles} onChange={setRoles} searchable error={withSubject('Roles', fieldErrors.roles)} />
        {user ? (
          <>
            <TextInput label="Time zone" description="IANA name, such as Europe/London" value={timeZone} onChange={(e) => setTimeZone(e.currentTarget.value)} error={withSubject('Time zone', fieldErrors.timeZone)} />
            <Checkbox label="Active (may sign in)" checked={active} onChange={(e) => setActive(e.currentTarget.checked)} />
          </>
        ) : null}
        <Group justify="flex-end">
          <Button type="submit" loading={busy}>
            {user ? 'Save' : 'Add user'}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
