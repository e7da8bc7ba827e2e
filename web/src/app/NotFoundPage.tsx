import { Anchor, Stack, Text, Title } from '@mantine/core';
import { Link } from 'react-router';
import { usePageTitle } from '../shared/ui/usePageTitle';

export function NotFoundPage({ what = 'page' }: { what?: string }) {
  usePageTitle('Not found');
  return (
    <Stack>
      <Title order={1}>Not found</Title>
      <Text>There is no {what} at this address, or you may not see it.</Text>
      <Anchor component={Link} to="/">
        Go to my work
      </Anchor>
    </Stack>
  );
}
