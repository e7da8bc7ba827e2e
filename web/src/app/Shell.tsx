import { Anchor, AppShell, Badge, Box, Burger, Button, Group, Menu, NavLink, ScrollArea, Stack, Text, TextInput, UnstyledButton, VisuallyHidden } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useState, type FormEvent, type ReactNode } from 'react';
import { Link, useLocation, useNavigate } from 'react-router';
import { ApiError, get } from '../shared/api';
import type { PageMeta, ResolvedReference } from '../shared/types';
import { useMetadata } from './metadata';
import { groupRecordTypes } from './navigation';
import { useSession, useSignedIn } from './session';

const referencePattern = /^[A-Za-z]{1,10}-\d{1,10}$/;

export function Shell({ children }: { children: ReactNode }) {
  const [opened, { toggle, close }] = useDisclosure();
  const session = useSignedIn();
  const { signOut } = useSession();
  const { types, pages } = useMetadata();
  const location = useLocation();
  const groups = groupRecordTypes(types, pages);
  const canManageUsers = session.permissions.includes('users:read');

  async function handleSignOut() {
    // RequireSession sees the session end and shows the sign-in page.
    await signOut().catch(() => undefined);
  }

  const isActive = (path: string) => location.pathname === path || location.pathname.startsWith(`${path}/`);
  // A page is current on its own path and below it; "…/new" pages also on their list's, and a
  // generic list (/records/assessments) also on its module's own pages (/assessments/…).
  const pageActive = (path: string) => isActive(path) || (path.endsWith('/new') && isActive(path.slice(0, -4))) || (path.startsWith('/records/') && isActive(path.slice(8)));
  const pageLink = (p: PageMeta) => <NavLink key={p.path} component={Link} to={p.path} label={p.label} description={p.description ?? undefined} active={pageActive(p.path)} onClick={close} />;

  return (
    <AppShell header={{ height: 60 }} navbar={{ width: 300, breakpoint: 'sm', collapsed: { mobile: !opened } }} padding="md">
      <Anchor href="#main" className="skip-link">
        Skip to main content
      </Anchor>
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group wrap="nowrap" gap="sm">
            <Burger opened={opened} onClick={toggle} hiddenFrom="sm" size="sm" aria-label={opened ? 'Close navigation' : 'Open navigation'} />
            <Anchor component={Link} to="/" fw={700} size="lg" underline="never" c="indigo.9">
              Certus
            </Anchor>
          </Group>
          <Box visibleFrom="sm" style={{ flex: 1, maxWidth: 420 }}>
            <GlobalSearch />
          </Box>
          <UserMenu onSignOut={handleSignOut} />
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="xs" aria-label="Main navigation" component="nav">
        <ScrollArea type="auto">
          <Stack gap={2}>
            <Box hiddenFrom="sm" mb="sm">
              <GlobalSearch />
            </Box>
            <NavLink component={Link} to="/" label="Start" active={location.pathname === '/'} onClick={close} />
            {pages.filter((p) => p.group === 'work').map(pageLink)}
            {groups.map(({ group, types: members, pages: own }) => (
              <div key={group.id} role="group" aria-labelledby={`nav-${group.id}`}>
                <Text id={`nav-${group.id}`} size="xs" fw={700} c="gray.8" tt="uppercase" mt="md" mb={4} px="sm">
                  {group.label}
                </Text>
                {members.map((t) => (
                  <NavLink
                    key={t.type}
                    component={Link}
                    to={`/records/${t.plural}`}
                    label={t.labelPlural}
                    description={`Clause ${t.clause}`}
                    active={isActive(`/records/${t.plural}`)}
                    onClick={close}
                  />
                ))}
                {own.map(pageLink)}
              </div>
            ))}
            <Text size="xs" fw={700} c="gray.8" tt="uppercase" mt="md" mb={4} px="sm">
              You
            </Text>
            <NavLink component={Link} to="/profile" label="My profile and API tokens" active={isActive('/profile')} onClick={close} />
            {canManageUsers ? <NavLink component={Link} to="/admin/users" label="Users" active={isActive('/admin/users')} onClick={close} /> : null}
          </Stack>
        </ScrollArea>
      </AppShell.Navbar>
      <AppShell.Main id="main" tabIndex={-1} component="main">
        {children}
      </AppShell.Main>
    </AppShell>
  );
}

function UserMenu({ onSignOut }: { onSignOut: () => void }) {
  const session = useSignedIn();
  const { roleLabel } = useMetadata();
  return (
    <Menu position="bottom-end" withinPortal>
      <Menu.Target>
        <UnstyledButton data-testid="user-menu">
          <Stack gap={0} align="flex-end">
            <VisuallyHidden>Account menu: </VisuallyHidden>
            <Text size="sm" fw={600}>
              {session.user.displayName}
            </Text>
            <Group gap={4} visibleFrom="sm">
              {session.user.roles.map((role) => (
                <Badge key={role} size="xs" variant="outline" color="gray.8" tt="none">
                  {roleLabel(role)}
                </Badge>
              ))}
            </Group>
          </Stack>
        </UnstyledButton>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Label>{session.user.email}</Menu.Label>
        <Menu.Item component={Link} to="/profile">
          My profile
        </Menu.Item>
        <Menu.Divider />
        <Menu.Item onClick={onSignOut}>Sign out</Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}

function GlobalSearch() {
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);
  const navigate = useNavigate();

  async function submit(event: FormEvent) {
    event.preventDefault();
    const query = text.trim();
    if (!query) return;
    setError(null);
    if (referencePattern.test(query)) {
      try {
        const found = await get<ResolvedReference>(`/api/references/${encodeURIComponent(query.toUpperCase())}`);
        setText('');
        navigate(`/records/${found.plural}/${found.reference}`);
        return;
      } catch (e) {
        if (!(e instanceof ApiError && e.status === 404)) {
          setError('Search failed');
          return;
        }
      }
    }
    navigate(`/search?q=${encodeURIComponent(query)}`);
  }

  return (
    <form role="search" onSubmit={submit}>
      <Group gap={4} wrap="nowrap">
        <TextInput
          style={{ flex: 1 }}
          placeholder="Search, or go to a reference (IMP-000003)"
          aria-label="Search records or go to a reference"
          value={text}
          onChange={(e) => setText(e.currentTarget.value)}
          error={error}
        />
        <Button type="submit" variant="light">
          Search
          <VisuallyHidden> records</VisuallyHidden>
        </Button>
      </Group>
    </form>
  );
}
