import { Card, SimpleGrid, Text } from '@mantine/core';
import { kpiBasisText, kpiValueText, type Kpi } from '../kpi';

/** KPI cards: the figure, what it was computed from, and the definition of what was counted, in words. */
export function KpiGrid({ items }: { items: Kpi[] }) {
  return (
    <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} spacing="md" component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
      {items.map((kpi) => {
        const basis = kpiBasisText(kpi);
        return (
          <Card key={kpi.id} withBorder padding="md" component="li" aria-labelledby={`kpi-${kpi.id}`} data-kpi={kpi.id}>
            <Text id={`kpi-${kpi.id}`} size="sm" fw={600} c="gray.8">
              {kpi.name}
            </Text>
            <Text size="xl" fw={700} mt={4} data-testid={`kpi-value-${kpi.id}`}>
              {kpiValueText(kpi)}
              {basis ? (
                <Text span size="sm" fw={400} c="gray.7" ml="xs">
                  {basis}
                </Text>
              ) : null}
            </Text>
            <Text size="xs" c="gray.7" mt="xs">
              {kpi.definition}
            </Text>
          </Card>
        );
      })}
    </SimpleGrid>
  );
}
